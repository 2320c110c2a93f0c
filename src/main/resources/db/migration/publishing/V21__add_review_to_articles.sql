-- how many editors (none of them the article's author) must approve an article of a section before
-- it is published or scheduled: 0 (no review), 1, or 2 for sensitive stories
ALTER TABLE section ADD COLUMN approvals INT DEFAULT 0 NOT NULL;
-- where an article stands in review: NULL (never submitted), WAITING, APPROVED or SENT_BACK, and
-- the note of the editor who last sent it back
ALTER TABLE article ADD COLUMN review VARCHAR(16);
ALTER TABLE article ADD COLUMN review_note VARCHAR(2000);
-- the editors who approved the article as it stands; an edit of its content voids them
CREATE TABLE article_approval (
    article_id  BIGINT NOT NULL REFERENCES article (id),
    approved_by BIGINT NOT NULL,
    approved_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (article_id, approved_by)
);
-- a review step in the revision history carries the reviewer's words (a note sending it back)
ALTER TABLE article_revision ADD COLUMN remark VARCHAR(2000);
