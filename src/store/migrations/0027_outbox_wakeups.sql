-- Up Migration

-- Every server runs loops that deliver the webhook and notification outboxes. They used to be
-- nudged by each of their own process's API writes, and under a stream of writes they looked
-- every 20 ms for items that organizations without webhooks or channels never queue: at 8
-- operators playing, those looks were one statement in ten and cost a fifth of the player's
-- throughput (bench:dispatch). Now the statement that queues an item says so instead, on
-- the channel `tessera_outbox` (the payload names the table): NOTIFY is delivered at commit,
-- to every server, so a loop looks when there is something to deliver, whichever process
-- queued it, and not otherwise. Statement-level: the enqueueing statements only run when
-- there is something to queue (tessera_enqueue_webhooks returns early otherwise), and
-- PostgreSQL folds the repeats of one transaction into one notification.
CREATE FUNCTION tessera_notify_outbox() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tessera_outbox', TG_TABLE_NAME);
  RETURN NULL;
END $$;

CREATE TRIGGER webhook_deliveries_notify_outbox AFTER INSERT ON webhook_deliveries
  FOR EACH STATEMENT EXECUTE FUNCTION tessera_notify_outbox();
CREATE TRIGGER notification_outbox_notify_outbox AFTER INSERT ON notification_outbox
  FOR EACH STATEMENT EXECUTE FUNCTION tessera_notify_outbox();

-- Down Migration

DROP TRIGGER notification_outbox_notify_outbox ON notification_outbox;
DROP TRIGGER webhook_deliveries_notify_outbox ON webhook_deliveries;
DROP FUNCTION tessera_notify_outbox();
