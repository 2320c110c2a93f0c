-- an article the newsroom keeps off its channels (the Telegram channel): it is published on the site only
ALTER TABLE article ADD COLUMN off_channels BOOLEAN DEFAULT FALSE NOT NULL;
