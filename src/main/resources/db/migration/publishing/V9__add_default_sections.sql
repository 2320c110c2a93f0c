-- a newsroom starts with the usual four sections; names are editable later
INSERT INTO section (slug, name, position) VALUES ('news', 'News', 1);
INSERT INTO section (slug, name, position) VALUES ('features', 'Features', 2);
INSERT INTO section (slug, name, position) VALUES ('analysis', 'Analysis', 3);
INSERT INTO section (slug, name, position) VALUES ('culture', 'Culture', 4);
