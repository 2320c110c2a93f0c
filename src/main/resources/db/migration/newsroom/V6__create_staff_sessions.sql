-- each full staff sign-in, so a member's sessions can be listed and ended from any node: the
-- session id is kept as a keyed mark, never itself, and an ended session is refused at its next request
CREATE TABLE staff_session (
    ref        VARCHAR(64)  NOT NULL PRIMARY KEY,
    staff_id   BIGINT       NOT NULL REFERENCES staff (id),
    factor     VARCHAR(20)  NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen  TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX staff_session_staff ON staff_session (staff_id);
