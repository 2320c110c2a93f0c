-- for support renewed by the supporter's own payment (crypto): the due date for which the fresh
-- invoice link was last mailed, so each period is asked for once
ALTER TABLE recurring_support ADD COLUMN renewal_asked_for TIMESTAMP WITH TIME ZONE;
