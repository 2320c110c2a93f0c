-- every provider event acted on, by its id, so a delivery seen before changes nothing
CREATE TABLE payment_event (
    provider    VARCHAR(20)  NOT NULL,
    event_id    VARCHAR(255) NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (provider, event_id)
);
