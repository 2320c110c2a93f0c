-- single-use links ("manage my support"): a link's nonce is written here when it is used, and a
-- second use finds it; rows go once the link would have expired anyway
CREATE TABLE used_link (
    nonce      VARCHAR(64) PRIMARY KEY,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
