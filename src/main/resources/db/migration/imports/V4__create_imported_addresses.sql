-- an old site's address of an imported article; it answers 301 to the article's page
CREATE TABLE imported_address (
    path       VARCHAR(1000) NOT NULL PRIMARY KEY,
    article_id BIGINT        NOT NULL
);
