-- site paths whose pages changed since the mirror was last written (a published, changed or
-- unpublished article); the next export renders these again and drains the list
CREATE TABLE mirror_change (
    path       VARCHAR(400) NOT NULL PRIMARY KEY,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
