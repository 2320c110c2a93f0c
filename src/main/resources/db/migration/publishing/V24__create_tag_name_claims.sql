-- which tag each name's slug belongs to: one tag per name slug, so two editors naming two tags
-- alike at the same moment cannot both succeed (the second insert waits, then fails)
CREATE TABLE tag_name_claim (
    name_slug VARCHAR(120) NOT NULL PRIMARY KEY,
    tag_slug  VARCHAR(120) NOT NULL
);
