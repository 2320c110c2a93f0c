-- one row per charge the ledger has been told about, locked while a payment or a refund of it is
-- recorded, so that the two cannot pass each other when they arrive at the same moment
CREATE TABLE ledger_lock (
    lock_key VARCHAR(300) PRIMARY KEY
);
