import type pg from 'pg'

/**
 * Where PostgreSQL's WAL and transaction counters stand at one instant. Read from the WAL
 * insert position and the next transaction id rather than from `pg_stat_wal` or
 * `pg_stat_database`, which backends report up to a second late: a second is an eighth of
 * a phase.
 */
export interface WalMark {
  /** Bytes of WAL inserted since the cluster began. */
  walBytes: bigint
  /** The next transaction id: one is taken by every transaction that writes. */
  nextXid: bigint
}

/** What the whole cluster wrote per task finished between two marks. */
export interface TaskWal {
  /** Kilobytes of WAL. */
  walKb: number
  /** Transactions that wrote (took a transaction id). */
  writingTransactions: number
}

/** `X/Y`, two hexadecimal halves of a 64-bit WAL position, as a number of bytes. */
function lsnBytes(lsn: string): bigint {
  const [high = '0', low = '0'] = lsn.split('/')
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`)
}

export async function markWal(pool: pg.Pool): Promise<WalMark> {
  const { rows } = await pool.query<{ lsn: string; xid: string }>(
    'SELECT pg_current_wal_insert_lsn()::text AS lsn, pg_snapshot_xmax(pg_current_snapshot())::text AS xid',
  )
  const row = rows[0]
  if (!row) {
    throw new Error('PostgreSQL returned no WAL position')
  }
  return { walBytes: lsnBytes(row.lsn), nextXid: BigInt(row.xid) }
}

/**
 * Per task, between two marks. The mark itself reads without a transaction id, so the
 * count is the load's alone (and the background work of every server it drives).
 */
export function walPerTask(start: WalMark, end: WalMark, tasks: number): TaskWal | null {
  if (tasks === 0) {
    return null
  }
  return {
    walKb: Number(end.walBytes - start.walBytes) / 1024 / tasks,
    writingTransactions: Number(end.nextXid - start.nextXid) / tasks,
  }
}
