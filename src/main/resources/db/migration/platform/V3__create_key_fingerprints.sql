-- a fingerprint of each secret key the data was sealed and signed with (an HMAC of a fixed text
-- under the key, which tells nothing of it): a node started with another key stops at once
CREATE TABLE key_fingerprint (
    setting     VARCHAR(60) NOT NULL PRIMARY KEY,
    fingerprint VARCHAR(64) NOT NULL
);
