-- who gave it (none once erased or not yet known), which recurring support it renews, the
-- provider's id of the charge (what a refund names), and ONCE, FIRST or RENEWAL (which receipt);
-- receipt_pending until its receipt is on its way (it waits for an address)
ALTER TABLE contribution ADD COLUMN supporter_id BIGINT REFERENCES supporter (id);
ALTER TABLE contribution ADD COLUMN recurring_id BIGINT REFERENCES recurring_support (id);
ALTER TABLE contribution ADD COLUMN charge_reference VARCHAR(255);
ALTER TABLE contribution ADD COLUMN kind VARCHAR(10);
ALTER TABLE contribution ADD COLUMN receipt_pending BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX contribution_supporter ON contribution (supporter_id);
CREATE INDEX contribution_created ON contribution (created_at);
