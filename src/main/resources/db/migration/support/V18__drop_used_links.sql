-- used "manage my support" links and proofs of work are now kept in the platform's used_nonce
DROP TABLE used_link;
