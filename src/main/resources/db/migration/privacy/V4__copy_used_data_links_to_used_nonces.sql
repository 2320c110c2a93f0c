-- used "my data" links move to the platform's used_nonce (created before this module's migrations
-- run), under the name the platform gives their kind, so a link used before stays used
INSERT INTO used_nonce (nonce, expires_at)
SELECT 'privacy-data:' || nonce, expires_at FROM used_data_link;
