-- used "manage my support" links and proofs of work move to the platform's used_nonce (created
-- before this module's migrations run), under their new names, so what was used stays used
INSERT INTO used_nonce (nonce, expires_at)
SELECT CASE WHEN nonce LIKE 'work-%' THEN 'work:' || SUBSTRING(nonce, 6) ELSE 'support-manage:' || nonce END,
       expires_at
FROM used_link;
