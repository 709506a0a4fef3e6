import type { QueryTasksBody } from '../contract/conditions'
import { compileCondition, compileGroups, compileSorts } from '../core/conditions'
import type { Queryable } from './database'
import { TASK_COLUMNS, type TaskRecord } from './tasks'

/** Collects parameters from several compiled fragments, numbering them one after another. */
class Params {
  readonly values: unknown[] = []

  add(value: unknown): string {
    this.values.push(value)
    return `$${this.values.length}`
  }

  /** Compiles a fragment with its parameters numbered after the ones already here. */
  absorb<T extends { params: unknown[] }>(compile: (offset: number) => T): T {
    const compiled = compile(this.values.length)
    this.values.push(...compiled.params)
    return compiled
  }
}

function whereClause(orgUid: string, body: QueryTasksBody, params: Params): string {
  const clauses = [`t.org_uid = ${params.add(orgUid)}`]
  const archived = body.archived ?? false
  if (archived !== 'all') {
    clauses.push(`t.archived = ${params.add(archived)}`)
  }
  if (body.condition) {
    const condition = body.condition
    clauses.push(`(${params.absorb((offset) => compileCondition(condition, offset)).sql})`)
  }
  return clauses.join(' AND ')
}

/** Tasks matching a validated query, in its sort order (default due_at, then uid). */
export async function queryTasks(
  q: Queryable,
  orgUid: string,
  body: QueryTasksBody,
): Promise<TaskRecord[]> {
  const params = new Params()
  const where = whereClause(orgUid, body, params)
  const sorts = body.sorts?.length
    ? body.sorts
    : [{ field: 'due_at', direction: 'ascending' as const }]
  const order = params.absorb((offset) => compileSorts(sorts, offset)).sql
  const result = await q.query<TaskRecord>(
    `SELECT ${TASK_COLUMNS} FROM tasks t WHERE ${where} ORDER BY ${order} LIMIT ${params.add(body.limit ?? 100)}`,
    params.values,
  )
  return result.rows
}

/** One group of a grouped query: the group's values by field name, and its metrics. */
export type GroupRow = Record<string, unknown>

/**
 * Groups the matching tasks by the query's `groups` and computes its metrics (`count`),
 * largest groups first. Metric names are only response keys, never SQL identifiers.
 */
export async function queryTaskGroups(
  q: Queryable,
  orgUid: string,
  body: QueryTasksBody & { groups: string[] },
): Promise<GroupRow[]> {
  const params = new Params()
  const where = whereClause(orgUid, body, params)
  const groups = params.absorb((offset) => compileGroups(body.groups, offset))
  const selects = groups.columns.map((column) => `${column.sql} AS ${column.alias}`).join(', ')
  const groupBy = groups.columns.map((column) => column.sql).join(', ')
  const result = await q.query<Record<string, unknown> & { count: number }>(
    `SELECT ${selects}, count(*) AS count FROM tasks t WHERE ${where}
     GROUP BY ${groupBy} ORDER BY count DESC, ${groupBy} LIMIT ${params.add(body.limit ?? 100)}`,
    params.values,
  )
  const metrics = Object.entries(body.metrics ?? { count: { type: 'count' } })
  return result.rows.map((row) => {
    const group: GroupRow = {}
    for (const column of groups.columns) {
      const value = row[column.alias]
      group[column.key] = value instanceof Date ? value.toISOString() : (value ?? null)
    }
    for (const [name] of metrics) {
      group[name] = row.count
    }
    return group
  })
}
