-- the way to pay the reader chose (card, paypal, crypto, bank); empty for checkouts from before
-- the choice, which were all by card or in test mode
ALTER TABLE checkout ADD COLUMN method VARCHAR(10);
