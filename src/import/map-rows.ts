import { type MappedRow, mapRow, type RowMapper } from './map-row'
import type { SourceRow } from './source-rows'

/**
 * Maps a file's rows to tasks, refusing a row whose uid an earlier row of the same file
 * already has: the second would silently overwrite the first.
 */
export function* mapRows(rows: Iterable<SourceRow>, mapper: RowMapper): Generator<MappedRow> {
  const firstRowOf = new Map<string, number>()
  for (const source of rows) {
    if ('problem' in source) {
      yield { row: source.row, problems: [source.problem] }
      continue
    }
    const mapped = mapRow(source.row, source.record, mapper)
    if ('item' in mapped) {
      const earlier = firstRowOf.get(mapped.item.uid)
      if (earlier !== undefined) {
        const column = mapper.mapping.uid ?? mapper.mapping.id ?? null
        yield {
          row: source.row,
          problems: [{ row: source.row, column, reason: `names the same task as row ${earlier}` }],
        }
        continue
      }
      firstRowOf.set(mapped.item.uid, source.row)
    }
    yield mapped
  }
}
