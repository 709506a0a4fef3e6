/** Which source column holds each of the task's own keys; the other columns become fields. */
export interface ColumnMapping {
  title: string
  /** A column of task uids, used as they are. */
  uid?: string
  /** A column of the source system's ids, from which uids are derived (and kept as external_id). */
  id?: string
  due?: string
  status?: string
  url?: string
}

/** The mapped keys, as the flags name them. */
export const MAPPED_KEYS = ['title', 'uid', 'id', 'due', 'status', 'url'] as const
export type MappedKey = (typeof MAPPED_KEYS)[number]

/** Column names recognised without a flag, compared case-insensitively. */
const USUAL_NAMES: Record<MappedKey, string[]> = {
  title: ['title', 'name', 'summary', 'subject'],
  uid: ['uid', 'uuid'],
  id: ['external_id', 'id', 'key', 'ticket_id'],
  due: ['due_at', 'due_date', 'due', 'deadline'],
  status: ['status', 'state'],
  url: ['url', 'link'],
}

/** A mapping that cannot work for this file: the message is one sentence saying what to give. */
export class MappingError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MappingError'
  }
}

/** The columns with a usual name for each key (compared case-insensitively), each used once. */
export function guessMapping(columns: string[]): Partial<ColumnMapping> {
  return resolveColumns(columns, {}, false)
}

function resolveColumns(
  columns: string[],
  chosen: Partial<ColumnMapping>,
  known: boolean,
): Partial<ColumnMapping> {
  const byLower = new Map(columns.map((column) => [column.toLowerCase(), column]))
  const resolved: Partial<ColumnMapping> = {}
  for (const key of MAPPED_KEYS) {
    const named = chosen[key]
    if (named !== undefined) {
      if (known && !columns.includes(named)) {
        throw new MappingError(
          `The file has no column ${JSON.stringify(named)} (for --${key}-column): its columns are ${columns.join(', ')}.`,
        )
      }
      resolved[key] = named
      continue
    }
    const usual = USUAL_NAMES[key].map((name) => byLower.get(name)).find(Boolean)
    if (usual !== undefined && !Object.values(resolved).includes(usual)) {
      resolved[key] = usual
    }
  }
  return resolved
}

/**
 * The mapping for a file with these columns: each key takes the column named in
 * `chosen`, else the first column with a usual name for it. `known` says whether `columns`
 * is the file's whole header (CSV), so a chosen column must be one of them; JSON Lines
 * objects each have their own keys, so there a missing column is a per-row problem.
 */
export function resolveMapping(
  columns: string[],
  chosen: Partial<ColumnMapping>,
  known: boolean,
): ColumnMapping {
  const resolved = resolveColumns(columns, chosen, known)
  if (resolved.title === undefined) {
    throw new MappingError(
      'Say which column holds the title with --title-column NAME (none is called title or name).',
    )
  }
  if (resolved.uid === undefined && resolved.id === undefined) {
    throw new MappingError(
      'Say which column identifies each row, so that running the import again updates its tasks: --id-column NAME (ids become stable uids) or --uid-column NAME (uids used as they are).',
    )
  }
  return resolved as ColumnMapping
}
