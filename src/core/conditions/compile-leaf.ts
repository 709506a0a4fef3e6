import type { ConditionLeaf, ConditionOperator } from '../../contract/conditions'
import { parseTimestamp } from './json-values'
import { type FieldRef, type NativeFieldType, nativeColumn } from './resolve-field'
import type { SqlParams } from './sql-params'

/*
 * Every fragment compiled here is total: it yields TRUE or FALSE, never NULL, so that
 * `NOT (…)` is the exact complement and matches what the evaluator does. Missing values
 * (NULL columns, absent keys) make every test false, except `!=`, which is `NOT (==)`.
 */

const COMPARISONS: Partial<Record<ConditionOperator, string>> = {
  '==': '=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
}

/** The SQL operator, from a whitelist: operator text never reaches SQL unchecked. */
function comparisonSql(operator: ConditionOperator): string {
  const sql = COMPARISONS[operator]
  if (sql === undefined) {
    throw new Error(`Cannot compile operator ${operator} as a comparison`)
  }
  return sql
}

const NATIVE_CAST: Record<Exclude<NativeFieldType, 'skills'>, string> = {
  uuid: 'uuid',
  status: 'text',
  boolean: 'boolean',
  timestamp: 'timestamptz',
}

/** Normalises a validated native value into what the SQL parameter carries. */
function nativeParam(type: NativeFieldType, value: unknown): unknown {
  if (type === 'timestamp') {
    // Same millisecond truncation as the evaluator, so both compare the same instant.
    return new Date(parseTimestamp(value) ?? Number.NaN).toISOString()
  }
  return type === 'uuid' && typeof value === 'string' ? value.toLowerCase() : value
}

function compileNative(
  field: Extract<FieldRef, { kind: 'native' }>,
  leaf: ConditionLeaf,
  params: SqlParams,
): string {
  const column = nativeColumn(field.name)
  const { operator, value } = leaf
  if (operator === 'exists') {
    return field.nullable ? `${column} IS NOT NULL` : 'TRUE'
  }
  if (field.type === 'skills') {
    // Validation allows only `contains` (membership) and `exists` on skills.
    return `${column} @> ARRAY[${params.add(value)}::text]`
  }
  const cast = NATIVE_CAST[field.type]
  // Guard nullable columns so that a NULL column gives FALSE rather than NULL.
  const guard = (test: string) => (field.nullable ? `(${column} IS NOT NULL AND ${test})` : test)
  if (operator === '!=') {
    return `${column} IS DISTINCT FROM ${params.add(nativeParam(field.type, value))}::${cast}`
  }
  if (operator === 'in') {
    const items = (value as unknown[]).map((item) => nativeParam(field.type, item))
    return guard(`${column} = ANY(${params.add(items)}::${cast}[])`)
  }
  const comparison = comparisonSql(operator)
  return guard(`${column} ${comparison} ${params.add(nativeParam(field.type, value))}::${cast}`)
}

function isJsonScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object'
}

function compileCustomEquals(key: string, value: unknown, params: SqlParams): string {
  // Containment is what the GIN index (jsonb_path_ops) serves. For a scalar it is exact
  // equality, since containment never looks into a nested array; for arrays and objects
  // it is looser, so an exact comparison is added after it.
  const containment = `t.fields @> ${params.addJson({ [key]: value })}::jsonb`
  if (isJsonScalar(value)) {
    return containment
  }
  return `(${containment} AND t.fields -> ${params.add(key)}::text = ${params.addJson(value)}::jsonb)`
}

function compileCustom(key: string, leaf: ConditionLeaf, params: SqlParams): string {
  const { operator, value } = leaf
  switch (operator) {
    case 'exists':
      return `t.fields ? ${params.add(key)}::text`
    case '==':
      return compileCustomEquals(key, value, params)
    case '!=':
      return `NOT (${compileCustomEquals(key, value, params)})`
    case 'in': {
      const json = `t.fields -> ${params.add(key)}::text`
      // jsonb elements are never SQL NULL, so only a missing key needs the COALESCE.
      return `COALESCE(${json} IN (SELECT jsonb_array_elements(${params.addJson(value)}::jsonb)), false)`
    }
    case 'contains': {
      const k = params.add(key)
      const v = params.add(value)
      return (
        `CASE jsonb_typeof(t.fields -> ${k}::text) ` +
        `WHEN 'string' THEN strpos(lower((t.fields ->> ${k}::text) COLLATE "C"), lower(${v}::text COLLATE "C")) > 0 ` +
        `WHEN 'array' THEN t.fields -> ${k}::text @> jsonb_build_array(${v}::text) ` +
        'ELSE false END'
      )
    }
    default:
      return compileCustomOrdering(key, operator, value, params)
  }
}

function compileCustomOrdering(
  key: string,
  operator: ConditionOperator,
  value: unknown,
  params: SqlParams,
): string {
  const comparison = comparisonSql(operator)
  const k = params.add(key)
  // Only same-typed JSON values compare: jsonb's own cross-type order (string < number)
  // would make `price > 10` match every string price.
  if (typeof value === 'number') {
    return (
      `CASE WHEN jsonb_typeof(t.fields -> ${k}::text) = 'number' ` +
      `THEN t.fields -> ${k}::text ${comparison} ${params.addJson(value)}::jsonb ELSE false END`
    )
  }
  // COLLATE "C" orders by code point on every server, whatever the database collation.
  return (
    `CASE WHEN jsonb_typeof(t.fields -> ${k}::text) = 'string' ` +
    `THEN (t.fields ->> ${k}::text) COLLATE "C" ${comparison} ${params.add(value)}::text ELSE false END`
  )
}

/** Compiles one validated, enabled leaf (without its negation) to a total SQL boolean. */
export function compileLeaf(field: FieldRef, leaf: ConditionLeaf, params: SqlParams): string {
  if (leaf.operator === 'exists' && leaf.value === false) {
    return `NOT (${compileLeaf(field, { ...leaf, value: true }, params)})`
  }
  return field.kind === 'native'
    ? compileNative(field, leaf, params)
    : compileCustom(field.key, leaf, params)
}
