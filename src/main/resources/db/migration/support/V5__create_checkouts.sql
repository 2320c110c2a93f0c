-- a reader's way through a payment provider, from Continue to its outcome; reference is ours and
-- random. status STARTED, COMPLETED, FAILED or CANCELLED
CREATE TABLE checkout (
    reference    VARCHAR(36) PRIMARY KEY,
    frequency    VARCHAR(10) NOT NULL,
    amount_minor BIGINT      NOT NULL,
    currency     VARCHAR(3)  NOT NULL,
    provider     VARCHAR(20) NOT NULL,
    source       VARCHAR(20) NOT NULL,
    status       VARCHAR(16) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at     TIMESTAMP WITH TIME ZONE
);
