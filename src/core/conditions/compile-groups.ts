import { nativeColumn, resolveField } from './resolve-field'
import { SqlParams } from './sql-params'

/** One grouping key: select `sql AS alias` and group by `sql`; present it as `key`. */
export interface GroupColumn {
  /** The field name as the client wrote it: the key of this value in the response. */
  key: string
  /** A safe SQL identifier (`g0`, `g1`…) for the output column. */
  alias: string
  /** The expression, to repeat verbatim in SELECT and GROUP BY (same placeholders). */
  sql: string
}

/** What {@link compileGroups} returns. */
export interface CompiledGroups {
  columns: GroupColumn[]
  params: unknown[]
}

/**
 * Compiles group-by fields over `tasks t`. A custom field groups by its JSON value, so
 * `"1"` and `1` are separate groups and tasks without the key form one group (SQL NULL).
 * Repeated names are grouped once, since they would collide as response keys.
 */
export function compileGroups(groups: readonly string[] = [], paramOffset = 0): CompiledGroups {
  const params = new SqlParams(paramOffset)
  const columns = [...new Set(groups)].map((key, i) => {
    const field = resolveField(key)
    const sql =
      field.kind === 'native'
        ? nativeColumn(field.name)
        : `t.fields -> ${params.add(field.key)}::text`
    return { key, alias: `g${i}`, sql }
  })
  return { columns, params: params.values }
}
