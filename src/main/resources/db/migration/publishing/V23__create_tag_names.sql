-- a tag's name in a language: the tag is the slug of the words written on articles
-- (tag_slug), name_slug is the slug of this name, so articles written with it carry the tag too
CREATE TABLE tag_name (
    tag_slug  VARCHAR(120) NOT NULL,
    language  VARCHAR(8)   NOT NULL,
    name      VARCHAR(100) NOT NULL,
    name_slug VARCHAR(120) NOT NULL,
    PRIMARY KEY (tag_slug, language)
);
CREATE INDEX tag_name_name_slug_idx ON tag_name (name_slug);
