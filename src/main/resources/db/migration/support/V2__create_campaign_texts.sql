-- the banner and the appeal in each language of the site; "{site}" stands for the site's name
CREATE TABLE campaign_text (
    language     VARCHAR(2)    PRIMARY KEY,
    banner_text  VARCHAR(120)  NOT NULL,
    appeal_title VARCHAR(120)  NOT NULL,
    appeal_body  VARCHAR(5000) NOT NULL
);
