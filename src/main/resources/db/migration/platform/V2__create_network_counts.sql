-- how many requests of a kind (a signup, a checkout) each network made in the last minutes, counted
-- by every node together: by a mark keyed with the installation's salt, never the network itself;
-- a minute's rows go once the next one is over
CREATE TABLE network_count (
    -- the minute, counted from 1970
    slot   BIGINT      NOT NULL,
    mark   VARCHAR(64) NOT NULL,
    uses   INT         NOT NULL,
    PRIMARY KEY (slot, mark)
);

CREATE TABLE network_salt (
    id   INT         NOT NULL PRIMARY KEY,
    salt VARCHAR(64) NOT NULL
);
