-- a staff member's authenticator app: the TOTP secret sealed with the newsroom key, and the last
-- time step accepted, so a code is accepted once only
CREATE TABLE staff_totp (
    staff_id    BIGINT PRIMARY KEY REFERENCES staff (id),
    secret      VARCHAR(200) NOT NULL,
    last_step   BIGINT       NOT NULL,
    enrolled_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- single-use recovery codes, kept as keyed hashes
CREATE TABLE staff_recovery_code (
    staff_id  BIGINT      NOT NULL REFERENCES staff (id),
    code_hash VARCHAR(64) NOT NULL,
    used_at   TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (staff_id, code_hash)
);
