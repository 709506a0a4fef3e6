import { hash } from 'node:crypto'
import type pg from 'pg'
import { type ClaimShape, claimShape } from './raw-claim'

/**
 * The floor in Tessera's round trips, answering as Tessera's API must: each request names its
 * operator by a bearer token, hashed and looked up in memory (as Tessera's cache of
 * principals does once warm), and `next` and `complete` each answer with the whole task (as
 * `POST /player/next` and `POST /player/complete` do), read by the claim and merged with what
 * each write changed. What the API's contract costs before any of Tessera's own work:
 * no rate limit, validation, rules, work time, metrics or log.
 */
export interface ContractFloor {
  shape: ClaimShape
  /** The operator an `Authorization` header names, or null. */
  operatorOf(authorization: string | undefined): string | null
}

/** What the task's answers show: every column but the organization and the search vector. */
async function shownColumns(pool: pg.Pool): Promise<string> {
  const result = await pool.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = 'tasks'
       AND column_name NOT IN ('org_uid', 'search')
     ORDER BY ordinal_position`,
  )
  return result.rows.map((row) => `t.${row.column_name}`).join(', ')
}

/** Reads the organization's live tokens and the task's columns once, at start. */
export async function openContractFloor(pool: pg.Pool, orgUid: string): Promise<ContractFloor> {
  const tokens = await pool.query<{ token_hash: string; user_uid: string }>(
    'SELECT token_hash, user_uid FROM api_tokens WHERE org_uid = $1 AND revoked_at IS NULL',
    [orgUid],
  )
  const operators = new Map(tokens.rows.map((row) => [row.token_hash, row.user_uid]))
  const columns = await shownColumns(pool)
  return {
    shape: claimShape('bench.inContract', columns, [
      'uid',
      'status',
      'assignee_uid',
      'started_at',
      'done_at',
    ]),
    operatorOf(authorization) {
      const raw = authorization?.startsWith('Bearer ') ? authorization.slice(7) : null
      return raw ? (operators.get(hash('sha256', raw, 'hex')) ?? null) : null
    },
  }
}
