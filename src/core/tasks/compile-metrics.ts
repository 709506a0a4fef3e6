import type { Metric } from '../../contract/conditions'
import { AppError, type FieldError } from '../../contract/errors'
import { nativeColumn, resolveField } from '../conditions/resolve-field'
import { SqlParams } from '../conditions/sql-params'

/** Native task columns that hold numbers: only metrics name them (the trigger keeps them). */
export const NUMBER_COLUMNS = ['num_children', 'num_children_done'] as const

/** How a metric's value comes back from the database, and so how to present it. */
export type MetricValueKind = 'integer' | 'number' | 'timestamp'

/** One compiled metric: select `sql AS alias`; present the value as `kind`. */
export interface MetricColumn {
  /** The metric's name in the request: its key in the response. */
  name: string
  /** A safe SQL identifier (`m0`, `m1`…). */
  alias: string
  sql: string
  kind: MetricValueKind
}

/** What {@link compileMetrics} returns. */
export interface CompiledMetrics {
  columns: MetricColumn[]
  params: unknown[]
}

/** A metric's field over `tasks t`: a native number, a native date, another native, or custom JSON. */
interface Operand {
  kind: 'number' | 'timestamp' | 'other' | 'custom'
  sql: string
}

/** Resolves a metric's field; `fields.<key>` and unknown names are custom fields. */
function operand(field: string, params: SqlParams): Operand {
  if ((NUMBER_COLUMNS as readonly string[]).includes(field)) {
    return { kind: 'number', sql: `t.${field}` }
  }
  const ref = resolveField(field)
  if (ref.kind === 'native') {
    return { kind: ref.type === 'timestamp' ? 'timestamp' : 'other', sql: nativeColumn(ref.name) }
  }
  return { kind: 'custom', sql: `t.fields -> ${params.add(ref.key)}::text` }
}

/** A custom field's numbers (as numeric) and SQL NULL for any other value. */
function customNumber(jsonSql: string): string {
  return `CASE WHEN jsonb_typeof(${jsonSql}) = 'number' THEN (${jsonSql})::text::numeric END`
}

/**
 * Compiles the metrics of a query to aggregate expressions over `tasks t`. Custom fields are
 * aggregated over their JSON numbers only (Fragment does no type validation of fields, so a
 * field may hold "12" in one task and 12 in another: only the number counts). Every error
 * names its metric: `/body/metrics/<name>/field`.
 */
export function compileMetrics(metrics: Record<string, Metric>, paramOffset = 0): CompiledMetrics {
  const params = new SqlParams(paramOffset)
  const errors: FieldError[] = []
  const columns: MetricColumn[] = []
  Object.entries(metrics).forEach(([name, metric], i) => {
    const alias = `m${i}`
    const path = `/body/metrics/${name.replace(/~/g, '~0').replace(/\//g, '~1')}/field`
    if (metric.field === undefined) {
      if (metric.type === 'count') {
        columns.push({ name, alias, sql: 'count(*)', kind: 'integer' })
      } else {
        errors.push({ path, message: `is required for ${metric.type}` })
      }
      return
    }
    const on = operand(metric.field, params)
    const isCustom = on.kind === 'custom'
    switch (metric.type) {
      case 'count':
        columns.push({ name, alias, sql: `count(${on.sql})`, kind: 'integer' })
        return
      case 'count_distinct':
        columns.push({ name, alias, sql: `count(DISTINCT ${on.sql})`, kind: 'integer' })
        return
      case 'sum':
      case 'avg': {
        if (on.kind !== 'number' && !isCustom) {
          errors.push({ path, message: `is not a number field: ${metric.type} needs one` })
          return
        }
        const value = isCustom ? customNumber(on.sql) : on.sql
        columns.push({ name, alias, sql: `${metric.type}(${value})`, kind: 'number' })
        return
      }
      case 'min':
      case 'max': {
        if (on.kind === 'other') {
          errors.push({ path, message: `is neither a number nor a date field` })
          return
        }
        const value = isCustom ? customNumber(on.sql) : on.sql
        const kind = on.kind === 'timestamp' ? 'timestamp' : 'number'
        columns.push({ name, alias, sql: `${metric.type}(${value})`, kind })
        return
      }
    }
  })
  if (errors.length > 0) {
    throw new AppError('validation_failed', 'Some metrics cannot be computed.', errors)
  }
  return { columns, params: params.values }
}
