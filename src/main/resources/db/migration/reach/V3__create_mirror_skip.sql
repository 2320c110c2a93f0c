-- pages the last exports could not copy (a link whose file would collide with another, a page
-- that answered with an error, a file that could not be written), shown to the newsroom
CREATE TABLE mirror_skip (
    path        VARCHAR(2000) NOT NULL PRIMARY KEY,
    reason      VARCHAR(200)  NOT NULL,
    linked_from VARCHAR(2000),
    noticed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
