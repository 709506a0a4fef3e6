import type { Queryable } from './database'

/** How long a watch lasts unless renewed: a process that died stops costing NOTIFYs. */
const WATCH_TTL = '90 seconds'

/** Records (or renews) that `watcher` has live clients for each of `orgUids`. */
export async function watchOrganizations(
  q: Queryable,
  watcher: string,
  orgUids: string[],
): Promise<void> {
  await q.query({
    name: 'tessera.watchOrganizations',
    text: `INSERT INTO live_watchers (org_uid, watcher, expires_at)
     SELECT org_uid, $1, now() + interval '${WATCH_TTL}' FROM unnest($2::uuid[]) AS org_uid
     ON CONFLICT (org_uid, watcher) DO UPDATE SET expires_at = EXCLUDED.expires_at`,
    values: [watcher, orgUids],
  })
}

/** Forgets `watcher`'s watch of the organizations given, or of every one when null. */
export async function unwatchOrganizations(
  q: Queryable,
  watcher: string,
  orgUids: string[] | null,
): Promise<void> {
  await q.query(
    'DELETE FROM live_watchers WHERE watcher = $1 AND ($2::uuid[] IS NULL OR org_uid = ANY($2))',
    [watcher, orgUids],
  )
}

/** Drops the watches nobody renewed: those of server processes that died. */
export async function pruneWatchers(q: Queryable): Promise<void> {
  await q.query('DELETE FROM live_watchers WHERE expires_at < now()')
}
