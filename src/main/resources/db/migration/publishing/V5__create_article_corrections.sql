CREATE TABLE article_correction (
    article_id BIGINT        NOT NULL REFERENCES article (id),
    position   INT           NOT NULL,
    noted_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    text       VARCHAR(2000) NOT NULL,
    PRIMARY KEY (article_id, position)
);
