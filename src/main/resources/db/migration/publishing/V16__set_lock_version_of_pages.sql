UPDATE page SET lock_version = 0 WHERE lock_version IS NULL;
