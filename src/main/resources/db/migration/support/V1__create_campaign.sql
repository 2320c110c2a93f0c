-- the call to support (one row): where it shows, the frequency the form starts on, and whether
-- "Remind me later" is offered
CREATE TABLE campaign (
    id                INT         PRIMARY KEY,
    show_banner       BOOLEAN     NOT NULL,
    show_appeal       BOOLEAN     NOT NULL,
    default_frequency VARCHAR(10) NOT NULL,
    remind_later      BOOLEAN     NOT NULL,
    version           BIGINT      NOT NULL
);
