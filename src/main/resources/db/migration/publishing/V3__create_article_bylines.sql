CREATE TABLE article_byline (
    article_id BIGINT       NOT NULL REFERENCES article (id),
    position   INT          NOT NULL,
    name       VARCHAR(200) NOT NULL,
    PRIMARY KEY (article_id, position)
);
