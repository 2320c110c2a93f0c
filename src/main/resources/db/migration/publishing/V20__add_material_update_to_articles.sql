-- when an article last changed in a way readers are told of ("Updated" on its page and cards): a
-- correction, or an edit its editor marked as material; a typo fix changes updated_at alone
ALTER TABLE article ADD COLUMN material_update_at TIMESTAMP WITH TIME ZONE;
-- until now every visible change showed as an update: what readers were shown stays shown
UPDATE article SET material_update_at = updated_at;
