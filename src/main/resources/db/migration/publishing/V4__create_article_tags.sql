CREATE TABLE article_tag (
    article_id BIGINT       NOT NULL REFERENCES article (id),
    name       VARCHAR(100) NOT NULL,
    PRIMARY KEY (article_id, name)
);
CREATE INDEX article_tag_name_idx ON article_tag (name);
