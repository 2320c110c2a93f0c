-- for a checkout with no email: when its receipt was shown on the thank-you page (it is shown once)
ALTER TABLE checkout ADD COLUMN receipt_shown_at TIMESTAMP WITH TIME ZONE;
