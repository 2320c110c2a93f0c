-- the currencies offered, in minor units: the least and the most one contribution may be (the
-- most guards against card testing), and the preset amounts per frequency, comma-separated
CREATE TABLE campaign_currency (
    code            VARCHAR(3)   PRIMARY KEY,
    minimum_minor   BIGINT       NOT NULL,
    maximum_minor   BIGINT       NOT NULL,
    presets_once    VARCHAR(200) NOT NULL,
    presets_monthly VARCHAR(200) NOT NULL,
    presets_annual  VARCHAR(200) NOT NULL,
    position        INT          NOT NULL
);
