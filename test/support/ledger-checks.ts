import type { RunQuery } from './database-integrity'
import type { Ledger } from './ingest-load'

/**
 * Compares what the load was told (the ledger) with the rows of the organization: every
 * acknowledged create exists exactly once, no create exists twice even unacknowledged, each
 * upsert holds its last acknowledged version or a later one that was in flight, every
 * acknowledged completion is DONE, and no task was handed to two operators.
 *
 * @returns one line per broken promise; empty when all were kept
 */
export async function checkLedgerAgainstRows(
  query: RunQuery,
  orgUid: string,
  ledger: Ledger,
): Promise<string[]> {
  const problems: string[] = []

  const byMarker = new Map<string, string[]>()
  const markerRows = await query(
    `SELECT fields->>'marker' AS marker, array_agg(uid::text) AS uids
       FROM tasks WHERE org_uid = $1 AND fields ? 'marker' GROUP BY 1`,
    [orgUid],
  )
  for (const row of markerRows) {
    byMarker.set(String(row.marker), row.uids as string[])
  }
  for (const [marker, uids] of byMarker) {
    if (!ledger.sentMarkers.has(marker)) {
      problems.push(`a task with marker ${marker} that was never sent`)
    } else if (uids.length > 1) {
      problems.push(`create ${marker} stored ${uids.length} times: ${uids.join(', ')}`)
    }
  }
  for (const [marker, uid] of ledger.created) {
    const stored = byMarker.get(marker)
    if (!stored) {
      problems.push(`acknowledged create ${marker} (${uid}) is lost`)
    } else if (!stored.includes(uid)) {
      problems.push(`acknowledged create ${marker} is ${stored.join(', ')}, not ${uid}`)
    }
  }

  const upserted = [...ledger.upserts.keys()]
  const versions = new Map(
    (
      await query(
        `SELECT uid::text AS uid, (fields->>'version')::int AS version
           FROM tasks WHERE org_uid = $1 AND uid = ANY($2::uuid[])`,
        [orgUid, upserted],
      )
    ).map((row) => [String(row.uid), Number(row.version)]),
  )
  for (const [uid, { acked, sent }] of ledger.upserts) {
    const version = versions.get(uid)
    if (version === undefined ? acked > 0 : version < Math.max(acked, 1) || version > sent) {
      problems.push(`upsert ${uid} holds version ${version}; acknowledged ${acked}, sent ${sent}`)
    }
  }

  const completed = [...ledger.completed]
  const statuses = await query(
    `SELECT uid::text AS uid, status FROM tasks WHERE org_uid = $1 AND uid = ANY($2::uuid[])`,
    [orgUid, completed],
  )
  const done = new Set(statuses.filter((row) => row.status === 'DONE').map((row) => row.uid))
  for (const uid of completed) {
    if (!done.has(uid)) {
      problems.push(`acknowledged completion of ${uid} is lost`)
    }
  }

  for (const [uid, operators] of ledger.handedTo) {
    if (operators.size > 1) {
      problems.push(`task ${uid} was handed to ${[...operators].join(' and ')}`)
    }
  }
  const doubleStarts = await query(
    `SELECT assignee_uid::text AS operator, count(*)::int AS started
       FROM tasks WHERE org_uid = $1 AND status = 'STARTED'
       GROUP BY assignee_uid HAVING count(*) > 1`,
    [orgUid],
  )
  for (const row of doubleStarts) {
    problems.push(`operator ${row.operator} holds ${row.started} started tasks`)
  }
  return problems
}
