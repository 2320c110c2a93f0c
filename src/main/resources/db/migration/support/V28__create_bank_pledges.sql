-- a reader's promise to transfer: the checkout it belongs to, the short reference they quote on
-- the transfer (unique), and the address for the receipt if they gave one (sealed like every
-- supporter's); payments counts the transfers staff have marked received
CREATE TABLE bank_pledge (
    checkout_reference VARCHAR(36)  PRIMARY KEY,
    code               VARCHAR(16)  NOT NULL UNIQUE,
    email_sealed       VARCHAR(600),
    payments           INTEGER      NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
