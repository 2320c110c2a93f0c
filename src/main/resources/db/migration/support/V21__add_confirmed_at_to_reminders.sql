-- a reminder is sent only once the address confirmed it wants one, through a neutral mail: nobody
-- can make the outlet write "please support us" to someone else's address
ALTER TABLE reminder ADD COLUMN confirmed_at TIMESTAMP WITH TIME ZONE;
