-- the guard counts the checkouts started in the last minutes, and revenue reads by time
CREATE INDEX checkout_created ON checkout (created_at);
