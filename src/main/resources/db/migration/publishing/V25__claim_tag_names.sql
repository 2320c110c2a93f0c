-- one claim per name slug; were two tags ever named alike, the first of them keeps the name
INSERT INTO tag_name_claim (name_slug, tag_slug) SELECT name_slug, MIN(tag_slug) FROM tag_name GROUP BY name_slug;
