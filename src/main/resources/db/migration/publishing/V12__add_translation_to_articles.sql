-- an article may be linked to its translation in the other language; both carry the link
ALTER TABLE article ADD COLUMN translation_id BIGINT;
