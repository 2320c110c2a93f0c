-- the article an old site's post became, by the old site's own id: a second import updates it
CREATE TABLE imported_item (
    source     VARCHAR(20)  NOT NULL,
    source_id  VARCHAR(100) NOT NULL,
    article_id BIGINT       NOT NULL,
    PRIMARY KEY (source, source_id)
);
