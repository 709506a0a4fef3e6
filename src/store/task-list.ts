import { isUuid } from '../core/conditions/json-values'
import type { CursorPosition } from '../core/tasks/cursor'
import { type ListFilter, POLL_SETTLE_MS } from '../core/tasks/list-filter'
import type { Queryable } from './database'
import { TASK_COLUMNS, type TaskRecord } from './tasks'

/** Collects SQL conditions and their parameters, numbering `$n` as it goes. */
class WhereBuilder {
  readonly params: unknown[] = []
  readonly clauses: string[] = []

  param(value: unknown): string {
    this.params.push(value)
    return `$${this.params.length}`
  }

  add(clause: string): void {
    this.clauses.push(clause)
  }

  toSql(): string {
    return this.clauses.join(' AND ')
  }
}

/** The list filter as SQL conditions over `tasks t`, numbered from $1 (also for bulk actions). */
export function buildWhere(orgUid: string, filter: ListFilter): WhereBuilder {
  const w = new WhereBuilder()
  w.add(`t.org_uid = ${w.param(orgUid)}`)
  if (filter.archived !== 'all') {
    w.add(`t.archived = ${w.param(filter.archived === 'true')}`)
  }
  if (filter.statuses.length > 0) {
    w.add(`t.status = ANY(${w.param(filter.statuses)}::text[])`)
  }
  if (filter.queueUid) {
    w.add(`t.queue_uid = ${w.param(filter.queueUid)}`)
  }
  if (filter.assigneeUid) {
    w.add(`t.assignee_uid = ${w.param(filter.assigneeUid)}`)
  }
  if (filter.assigneeEmail !== undefined) {
    w.add(
      `t.assignee_uid = (SELECT u.uid FROM users u WHERE u.org_uid = t.org_uid AND u.email = ${w.param(filter.assigneeEmail)})`,
    )
  }
  if (filter.parentUid) {
    w.add(`t.parent_uid = ${w.param(filter.parentUid)}`)
  }
  if (filter.caseUid) {
    w.add(`t.case_uid = ${w.param(filter.caseUid)}`)
  }
  if (filter.tags.length > 0) {
    w.add(`t.tags && ${w.param(filter.tags)}::text[]`)
  }
  for (const range of filter.ranges) {
    // The column name comes from a fixed list in core, never from the client.
    const bounds = [
      ['>=', range.gte],
      ['<', range.lt],
      ['>', range.after],
      ['<', range.before],
    ] as const
    for (const [op, value] of bounds) {
      if (value) {
        w.add(`t.${range.field} ${op} ${w.param(value)}`)
      }
    }
  }
  for (const field of filter.settled) {
    w.add(`t.${field} < tessera_now() - ${w.param(`${POLL_SETTLE_MS} milliseconds`)}::interval`)
  }
  for (const { key, candidates } of filter.custom) {
    // Containment (@>) on each candidate value lets the GIN index answer the filter.
    const alternatives = candidates.map(
      (value) => `t.fields @> ${w.param(JSON.stringify({ [key]: value }))}::jsonb`,
    )
    // One of no values matches nothing (the core refuses such a filter before it gets here).
    w.add(alternatives.length > 0 ? `(${alternatives.join(' OR ')})` : 'FALSE')
  }
  if (filter.text) {
    // Every word, as a prefix, accents and case ignored, against the stored vector that the
    // tasks_search index holds (migration 0011). A uid finds its own task too.
    const words = `t.search @@ tessera_search_query(${w.param(filter.text)})`
    const uid = filter.text.trim()
    w.add(isUuid(uid) ? `(${words} OR t.uid = ${w.param(uid)}::uuid)` : words)
  }
  return w
}

/**
 * How many tasks, in sort order, a page first looks through before it falls back to the
 * filter's own index. A custom-field filter that matches one task in ten finds a page of 50
 * within ~500; one that matches hardly anything gives up after this many.
 */
const PROBE_ROWS = 2000

/**
 * One page of tasks after `after` (exclusive), in the filter's sort order; with a backward
 * position, the page just before it, returned in reverse sort order (nearest first).
 */
export async function listTasks(
  q: Queryable,
  orgUid: string,
  filter: ListFilter,
  page: { limit: number; after?: CursorPosition },
): Promise<TaskRecord[]> {
  // PostgreSQL cannot estimate how many tasks a jsonb containment filter matches
  // (it assumes almost none), so it gathers every match through the GIN index and sorts
  // them: 20 ms for a field one task in ten has. Walking the sort order's index and
  // filtering as it goes finds such a page in about a millisecond, so try that first,
  // within bounds, and let the planner's plan handle the selective filters it was made for.
  // Text search is left out: PostgreSQL keeps statistics of the words in the search vectors,
  // so the planner knows how many tasks a search matches and picks well on its own.
  const probing = filter.custom.length > 0 && filter.archived !== 'all'
  if (probing) {
    const probed = await pageQuery(q, orgUid, filter, page, PROBE_ROWS)
    if (probed.length === page.limit) {
      return probed
    }
  }
  return pageQuery(q, orgUid, filter, page, null)
}

async function pageQuery(
  q: Queryable,
  orgUid: string,
  filter: ListFilter,
  page: { limit: number; after?: CursorPosition },
  probe: number | null,
): Promise<TaskRecord[]> {
  const w = buildWhere(orgUid, filter)
  const { key } = filter.sort
  // Walking backwards is walking forwards in the opposite order.
  const descending = filter.sort.descending !== Boolean(page.after?.backward)
  if (page.after) {
    const op = descending ? '<' : '>'
    w.add(
      `(t.${key}, t.uid) ${op} (${w.param(page.after.value)}::timestamptz, ${w.param(page.after.uid)}::uuid)`,
    )
  }
  const direction = descending ? 'DESC' : 'ASC'
  const order = `ORDER BY t.${key} ${direction}, t.uid ${direction}`
  const limit = w.param(page.limit)
  if (probe === null) {
    const result = await q.query<TaskRecord>(
      `SELECT ${TASK_COLUMNS} FROM tasks t WHERE ${w.toSql()} ${order} LIMIT ${limit}`,
      w.params,
    )
    return result.rows
  }
  // The inner scan keeps only the conditions its index serves (organization, archived, the
  // cursor), in index order; the others filter its rows. A LIMIT inside keeps the planner
  // from merging the two, and bounds the walk.
  const [org, archived, ...rest] = w.clauses
  const cursor = page.after ? rest.pop() : undefined
  const inner = [org, archived, cursor].filter(Boolean).join(' AND ')
  const outer = rest.length > 0 ? `WHERE ${rest.join(' AND ')}` : ''
  const result = await q.query<TaskRecord>(
    `SELECT ${TASK_COLUMNS} FROM (
       SELECT * FROM tasks t WHERE ${inner} ${order} LIMIT ${w.param(probe)}
     ) t ${outer} ${order} LIMIT ${limit}`,
    w.params,
  )
  return result.rows
}

/** How many tasks match the filter, across all pages. */
export async function countTasks(
  q: Queryable,
  orgUid: string,
  filter: ListFilter,
): Promise<number> {
  const w = buildWhere(orgUid, filter)
  const result = await q.query<{ count: number }>(
    `SELECT count(*) AS count FROM tasks t WHERE ${w.toSql()}`,
    w.params,
  )
  return result.rows[0]?.count ?? 0
}
