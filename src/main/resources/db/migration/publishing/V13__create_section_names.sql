-- a section's name in another language than the site's (section.name is in the site's language)
CREATE TABLE section_name (
    section_id BIGINT       NOT NULL REFERENCES section (id) ON DELETE CASCADE,
    language   VARCHAR(8)   NOT NULL,
    name       VARCHAR(120) NOT NULL,
    PRIMARY KEY (section_id, language)
);
