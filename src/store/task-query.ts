import type { QueryTasksBody } from '../contract/conditions'
import { compileCondition, compileGroups, compileSorts } from '../core/conditions'
import { compileMetrics, type MetricValueKind } from '../core/tasks/compile-metrics'
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

/** A metric's value as the API prints it: numbers as numbers, dates in ISO 8601. */
function metricValue(value: unknown, kind: MetricValueKind): unknown {
  if (value === null || value === undefined) {
    return null
  }
  if (kind === 'timestamp') {
    return value instanceof Date ? value.toISOString() : value
  }
  // pg hands bigint and numeric over as text, to lose no digits; the API speaks JSON numbers.
  return Number(value)
}

/**
 * Groups the matching tasks by the query's `groups` (none: one group of every matching task)
 * and computes its metrics, largest groups first. Metric and group names are only response
 * keys, never SQL identifiers.
 */
export async function queryTaskGroups(
  q: Queryable,
  orgUid: string,
  body: QueryTasksBody,
): Promise<GroupRow[]> {
  const params = new Params()
  const where = whereClause(orgUid, body, params)
  const groups = params.absorb((offset) => compileGroups(body.groups ?? [], offset))
  const metrics = params.absorb((offset) =>
    compileMetrics(body.metrics ?? { count: { type: 'count' } }, offset),
  )
  const selects = [
    ...groups.columns.map((column) => `${column.sql} AS ${column.alias}`),
    ...metrics.columns.map((column) => `${column.sql} AS ${column.alias}`),
    'count(*) AS group_size',
  ].join(', ')
  const groupBy = groups.columns.map((column) => column.sql).join(', ')
  const grouping = groupBy ? `GROUP BY ${groupBy} ORDER BY group_size DESC, ${groupBy}` : ''
  const result = await q.query<Record<string, unknown>>(
    `SELECT ${selects} FROM tasks t WHERE ${where} ${grouping} LIMIT ${params.add(body.limit ?? 100)}`,
    params.values,
  )
  return result.rows.map((row) => {
    const group: GroupRow = {}
    for (const column of groups.columns) {
      const value = row[column.alias]
      group[column.key] = value instanceof Date ? value.toISOString() : (value ?? null)
    }
    for (const column of metrics.columns) {
      group[column.name] = metricValue(row[column.alias], column.kind)
    }
    return group
  })
}
