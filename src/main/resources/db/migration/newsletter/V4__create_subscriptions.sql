-- which newsletters an address gets; ACTIVE once confirmed, PENDING until then
CREATE TABLE subscription (
    subscriber_id BIGINT      NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    newsletter_id BIGINT      NOT NULL REFERENCES newsletter (id) ON DELETE CASCADE,
    status        VARCHAR(16) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (subscriber_id, newsletter_id)
);
CREATE INDEX subscription_newsletter_status ON subscription (newsletter_id, status);
