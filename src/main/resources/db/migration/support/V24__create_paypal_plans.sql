-- what we made in a PayPal account, to reuse: the catalog product (plan_key 'product') and a billing
-- plan per currency, amount and interval (plan_key 'USD:500:MONTH'); client_id is the account's app
CREATE TABLE paypal_plan (
    client_id  VARCHAR(128) NOT NULL,
    plan_key   VARCHAR(40)  NOT NULL,
    paypal_id  VARCHAR(64)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (client_id, plan_key)
);
