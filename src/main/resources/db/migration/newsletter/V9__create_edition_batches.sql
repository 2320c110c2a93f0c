-- a batch of an edition's recipients, claimed by one sender at a time; a claim that outlives its
-- lease (the node died) may be taken over. status OPEN, CLAIMED, DONE
CREATE TABLE edition_batch (
    edition_id    BIGINT       NOT NULL REFERENCES edition (id) ON DELETE CASCADE,
    batch_no      INT          NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    claimed_by    VARCHAR(80),
    claimed_until TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (edition_id, batch_no)
);
