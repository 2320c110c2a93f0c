-- readings of an article per day, and nothing else: no address, browser, cookie or other identifier
CREATE TABLE article_views (
    read_on DATE NOT NULL,
    article_id BIGINT NOT NULL,
    views BIGINT NOT NULL,
    PRIMARY KEY (read_on, article_id)
);
