-- slugs an article answered to before; they redirect (301) to its current address
CREATE TABLE article_former_slug (
    article_id BIGINT       NOT NULL REFERENCES article (id),
    language   VARCHAR(8)   NOT NULL,
    slug       VARCHAR(160) NOT NULL,
    PRIMARY KEY (article_id, language, slug)
);
CREATE INDEX article_former_slug_lookup_idx ON article_former_slug (language, slug);
