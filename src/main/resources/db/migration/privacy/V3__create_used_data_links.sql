-- the mailed "my data" links already used, so each opens once; forgotten once it would have expired
CREATE TABLE used_data_link (
    nonce      VARCHAR(32) PRIMARY KEY,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
