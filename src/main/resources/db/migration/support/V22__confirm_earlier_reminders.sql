-- reminders asked for before confirmation existed keep the promise they were made with
UPDATE reminder SET confirmed_at = created_at WHERE confirmed_at IS NULL;
