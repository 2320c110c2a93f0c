-- what may be used once (a mailed personal link, a checkout's proof of work): its nonce is written
-- here when it is used, and a second use finds it; rows go once what they guard would have expired
CREATE TABLE used_nonce (
    nonce      VARCHAR(128) PRIMARY KEY,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
