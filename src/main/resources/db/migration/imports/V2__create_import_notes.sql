-- what an import left out or changed, and why: the report an admin reads
CREATE TABLE import_note (
    run_id   BIGINT        NOT NULL REFERENCES import_run (id) ON DELETE CASCADE,
    position INT           NOT NULL,
    item     VARCHAR(300)  NOT NULL,
    note     VARCHAR(1000) NOT NULL,
    PRIMARY KEY (run_id, position)
);
