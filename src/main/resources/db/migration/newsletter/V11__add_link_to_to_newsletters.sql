-- where an edition's links lead: the main site, the first healthy mirror or the onion address
ALTER TABLE newsletter ADD COLUMN link_to VARCHAR(10) DEFAULT 'SITE' NOT NULL;
