-- what a provider reported that nobody's contribution records and an admin should see: a crypto
-- invoice paid in part, paid after it expired, paid twice over or found invalid. kind PARTIAL, LATE,
-- OVERPAID or INVALID; reference is the provider's id for the invoice
CREATE TABLE payment_note (
    provider           VARCHAR(20)  NOT NULL,
    reference          VARCHAR(255) NOT NULL,
    kind               VARCHAR(16)  NOT NULL,
    checkout_reference VARCHAR(36),
    noted_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (provider, reference, kind)
);
