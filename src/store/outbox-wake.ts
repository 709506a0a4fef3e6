/**
 * The channel on which the outboxes announce work to every server's delivery loops; the
 * payload names the table. Inserts announce themselves (migration 0027's triggers); the
 * statements that make waiting items due again add {@link wakeOutbox}.
 */
export const OUTBOX_CHANNEL = 'tessera_outbox'

/** An outbox table whose loop a notification on {@link OUTBOX_CHANNEL} wakes. */
export type OutboxTable = 'webhook_deliveries' | 'notification_outbox'

/**
 * A CTE named `wake` that announces `table` at commit. A CTE runs only if the statement reads
 * it: end the statement's WHERE with `EXISTS (SELECT 1 FROM wake)`.
 */
export function wakeOutbox(table: OutboxTable): string {
  return `wake AS (SELECT pg_notify('${OUTBOX_CHANNEL}', '${table}'))`
}
