import type { Sort } from '../../contract/conditions'
import { type FieldRef, nativeColumn, resolveField } from './resolve-field'
import { type CompiledSql, SqlParams } from './sql-params'

// jsonb's own order between types (null < string < number < boolean < array < object),
// spelt out so that strings can then be ordered under COLLATE "C".
const JSON_TYPE_RANK =
  "CASE jsonb_typeof(#) WHEN 'null' THEN 0 WHEN 'string' THEN 1 WHEN 'number' THEN 2 " +
  "WHEN 'boolean' THEN 3 WHEN 'array' THEN 4 WHEN 'object' THEN 5 END"

function sortTerms(field: FieldRef, direction: string, params: SqlParams): string[] {
  if (field.kind === 'native') {
    const column = nativeColumn(field.name)
    if (!field.nullable) {
      // No NULLS clause: it would stop the planner from walking the btree indexes backwards.
      return [
        field.type === 'status' ? `${column} COLLATE "C" ${direction}` : `${column} ${direction}`,
      ]
    }
    return [`${column} ${direction} NULLS LAST`]
  }
  const key = params.add(field.key)
  const json = `t.fields -> ${key}::text`
  // Type first, then strings by code point (the same on every server, and the same order
  // as the `<` operator of conditions), then jsonb's order for numbers, booleans and the rest.
  // Missing keys sort last in both directions.
  return [
    `${JSON_TYPE_RANK.replace('#', json)} ${direction} NULLS LAST`,
    `(CASE WHEN jsonb_typeof(${json}) = 'string' THEN t.fields ->> ${key}::text END) COLLATE "C" ${direction}`,
    `${json} ${direction}`,
  ]
}

/**
 * Compiles sort keys into an ORDER BY list (without the keywords) over `tasks t`. It always
 * ends with `t.uid`, in the direction of the last key, so that the order is total (stable
 * pages) and a single-key sort can still walk an `(…, key, uid)` index backwards.
 */
export function compileSorts(sorts: readonly Sort[] = [], paramOffset = 0): CompiledSql {
  const params = new SqlParams(paramOffset)
  const terms: string[] = []
  let lastDirection = 'ASC'
  for (const sort of sorts) {
    lastDirection = sort.direction === 'descending' ? 'DESC' : 'ASC'
    terms.push(...sortTerms(resolveField(sort.field), lastDirection, params))
  }
  const sortsByUid = sorts.some((sort) => sort.field === 'uid')
  if (!sortsByUid) {
    terms.push(`t.uid ${lastDirection}`)
  }
  return { sql: terms.join(', '), params: params.values }
}
