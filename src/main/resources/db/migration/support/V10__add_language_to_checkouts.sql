-- the reader's language, for the receipt and the pages after the provider's
ALTER TABLE checkout ADD COLUMN language VARCHAR(8);
