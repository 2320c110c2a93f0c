-- a revision keeps the article's content as JSON, where a newline or a quote takes two characters:
-- a body of a million characters can take two million
ALTER TABLE article_revision ALTER COLUMN content SET DATA TYPE VARCHAR(2100000);
