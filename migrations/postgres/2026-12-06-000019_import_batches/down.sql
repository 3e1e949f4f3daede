DROP INDEX webhook_deliveries_delivered;
ALTER TABLE webhooks DROP COLUMN import_events;
DROP TABLE import_batches;
