-- one recipient of one edition, fixed when sending starts; status PENDING, SENT, FAILED or BOUNCED.
-- batch_no groups recipients into the units that senders claim (see edition_batch)
CREATE TABLE delivery (
    edition_id      BIGINT       NOT NULL REFERENCES edition (id) ON DELETE CASCADE,
    subscriber_id   BIGINT       NOT NULL,
    email           VARCHAR(254) NOT NULL,
    batch_no        INT          NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    attempts        INT          NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    sent_at         TIMESTAMP WITH TIME ZONE,
    error           VARCHAR(500),
    PRIMARY KEY (edition_id, subscriber_id)
);
CREATE INDEX delivery_batch ON delivery (edition_id, batch_no, status);
