-- where else readers find the site: mirror addresses (in the newsroom's order) and the onion address
CREATE TABLE reach_address (
    kind     VARCHAR(10)  NOT NULL,
    address  VARCHAR(300) NOT NULL,
    position INT          NOT NULL,
    PRIMARY KEY (kind, position)
);
