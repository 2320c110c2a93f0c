INSERT INTO tag_name_claim (name_slug, tag_slug) SELECT DISTINCT name_slug, tag_slug FROM tag_name;
