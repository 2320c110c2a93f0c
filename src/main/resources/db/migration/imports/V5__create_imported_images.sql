-- a picture of the old site already in the media library, by the SHA-256 of its old address
CREATE TABLE imported_image (
    address_hash VARCHAR(64)   NOT NULL PRIMARY KEY,
    address      VARCHAR(2000) NOT NULL,
    media_id     BIGINT        NOT NULL,
    src          VARCHAR(300)  NOT NULL
);
