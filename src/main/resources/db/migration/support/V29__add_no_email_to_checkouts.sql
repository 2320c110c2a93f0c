-- the reader asked for no email at all: no address is kept, the receipt is shown once after paying
ALTER TABLE checkout ADD COLUMN no_email BOOLEAN;
