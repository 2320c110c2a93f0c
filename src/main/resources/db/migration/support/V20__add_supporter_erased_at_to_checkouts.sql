-- when the supporter a checkout paid for erased their data: a provider's late event about that
-- checkout (a renewal, a second "completed") must not bring their address back
ALTER TABLE checkout ADD COLUMN supporter_erased_at TIMESTAMP WITH TIME ZONE;
