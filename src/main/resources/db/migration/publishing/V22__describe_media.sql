-- what the media library says of a picture, so it can be found and placed in a story again: its
-- alt text (for readers who do not see it), caption and credit
ALTER TABLE media ADD COLUMN alt VARCHAR(500) DEFAULT '' NOT NULL;
ALTER TABLE media ADD COLUMN caption VARCHAR(600) DEFAULT '' NOT NULL;
ALTER TABLE media ADD COLUMN credit VARCHAR(200) DEFAULT '' NOT NULL;
