import type { Queryable } from './database'

/** A saved view as stored. */
export interface ViewRecord {
  uid: string
  owner_uid: string
  name: string
  filter: Record<string, string | string[]>
  columns: { key: string; width?: number }[]
  sort: string | null
  shared: boolean
  pinned: boolean
  created_at: Date
  updated_at: Date
}

/** What a view is made of, minus bookkeeping. */
export type ViewInput = Pick<
  ViewRecord,
  'name' | 'filter' | 'columns' | 'sort' | 'shared' | 'pinned'
>

const VIEW_COLUMNS =
  'uid, owner_uid, name, filter, columns, sort, shared, pinned, created_at, updated_at'

/** The views `userUid` sees: their own and the organization's shared ones. */
export async function listViews(
  q: Queryable,
  orgUid: string,
  userUid: string,
): Promise<ViewRecord[]> {
  const result = await q.query<ViewRecord>(
    `SELECT ${VIEW_COLUMNS} FROM views
     WHERE org_uid = $1 AND (owner_uid = $2 OR shared)
     ORDER BY pinned DESC, lower(name), uid`,
    [orgUid, userUid],
  )
  return result.rows
}

/** One view `userUid` may see, or null. */
export async function findView(
  q: Queryable,
  orgUid: string,
  userUid: string,
  uid: string,
): Promise<ViewRecord | null> {
  const result = await q.query<ViewRecord>(
    `SELECT ${VIEW_COLUMNS} FROM views
     WHERE org_uid = $1 AND uid = $3 AND (owner_uid = $2 OR shared)`,
    [orgUid, userUid, uid],
  )
  return result.rows[0] ?? null
}

/** How many views a user owns. */
export async function countOwnViews(
  q: Queryable,
  orgUid: string,
  userUid: string,
): Promise<number> {
  const result = await q.query<{ n: number }>(
    'SELECT count(*)::integer AS n FROM views WHERE org_uid = $1 AND owner_uid = $2',
    [orgUid, userUid],
  )
  return result.rows[0]?.n ?? 0
}

/** A view's columns as statement parameters, in the order both writes name them. */
function viewValues(view: ViewInput): unknown[] {
  return [
    view.name,
    JSON.stringify(view.filter),
    JSON.stringify(view.columns),
    view.sort,
    view.shared,
    view.pinned,
  ]
}

export async function insertView(
  q: Queryable,
  orgUid: string,
  ownerUid: string,
  view: ViewInput,
): Promise<ViewRecord> {
  const result = await q.query<ViewRecord>(
    `INSERT INTO views (org_uid, owner_uid, name, filter, columns, sort, shared, pinned)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     RETURNING ${VIEW_COLUMNS}`,
    [orgUid, ownerUid, ...viewValues(view)],
  )
  return result.rows[0] as ViewRecord
}

export async function updateView(
  q: Queryable,
  orgUid: string,
  uid: string,
  view: ViewInput,
): Promise<ViewRecord | null> {
  const result = await q.query<ViewRecord>(
    `UPDATE views SET name = $3, filter = $4, columns = $5, sort = $6, shared = $7,
       pinned = $8, updated_at = tessera_now()
     WHERE org_uid = $1 AND uid = $2
     RETURNING ${VIEW_COLUMNS}`,
    [orgUid, uid, ...viewValues(view)],
  )
  return result.rows[0] ?? null
}

export async function deleteView(q: Queryable, orgUid: string, uid: string): Promise<boolean> {
  const result = await q.query('DELETE FROM views WHERE org_uid = $1 AND uid = $2', [orgUid, uid])
  return (result.rowCount ?? 0) > 0
}
