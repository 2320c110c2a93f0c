-- the account a reader transfers to, per currency, as an admin entered it
CREATE TABLE bank_account (
    currency   VARCHAR(3)   PRIMARY KEY,
    holder     VARCHAR(140) NOT NULL,
    iban       VARCHAR(34)  NOT NULL,
    bic        VARCHAR(11)  NOT NULL,
    bank_name  VARCHAR(140) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
