-- refunds by the provider's charge id, kept even when the refund arrives before the payment
CREATE TABLE refund (
    provider         VARCHAR(20)  NOT NULL,
    charge_reference VARCHAR(255) NOT NULL,
    refunded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (provider, charge_reference)
);
