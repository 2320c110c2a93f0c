-- counts every save of a standing page, so a form opened before another save is refused rather
-- than overwriting it (the policy version, "version", counts substantive changes only)
ALTER TABLE page ADD COLUMN lock_version INT;
