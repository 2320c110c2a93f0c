-- what the Telegram channel should show and does: one row per article or edition, its message
-- once posted, and whether work is due (a post, an edit or a removal)
CREATE TABLE telegram_post (
    item            VARCHAR(40)              NOT NULL PRIMARY KEY,
    chat_id         VARCHAR(100),
    message_id      BIGINT,
    kind            VARCHAR(10),
    content_hash    VARCHAR(64),
    due             BOOLEAN                  NOT NULL,
    attempts        INT                      NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error      VARCHAR(500),
    posted_at       TIMESTAMP WITH TIME ZONE
);

CREATE INDEX telegram_post_due_idx ON telegram_post (due, next_attempt_at);
