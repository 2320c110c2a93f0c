-- the hourly purge of used links is the platform's now (forget-used-nonces)
DELETE FROM scheduled_tasks WHERE task_name = 'support-forget-used-links';
