-- where readings came from: the referring site's host name only, never its path or query
CREATE TABLE referrer_views (
    read_on DATE NOT NULL,
    article_id BIGINT NOT NULL,
    host VARCHAR(253) NOT NULL,
    views BIGINT NOT NULL,
    PRIMARY KEY (read_on, article_id, host)
);
