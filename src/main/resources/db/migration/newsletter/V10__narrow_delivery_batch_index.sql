-- the batch index without the status: recording a delivery as sent then changes only the row, not
-- the index too (each commit of sent records writes half as many pages)
DROP INDEX delivery_batch;
CREATE INDEX delivery_batch_no ON delivery (edition_id, batch_no);
