-- how each listed mirror answered its last check: whether its manifest.json could be read, how far
-- behind our copy it is, and since when it has failed (an address failing long enough is flagged)
CREATE TABLE mirror_health (
    address       VARCHAR(300) NOT NULL PRIMARY KEY,
    state         VARCHAR(20)  NOT NULL,
    copy_from     TIMESTAMP WITH TIME ZONE,
    detail        VARCHAR(300),
    checked_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    failing_since TIMESTAMP WITH TIME ZONE
);
