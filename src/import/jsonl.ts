/** One line of a JSON Lines file that held something: an object, or why it is refused. */
export type JsonlRecord =
  | { row: number; value: Record<string, unknown> }
  | { row: number; error: string }

/**
 * Reads JSON Lines text: one JSON object per line, numbered from 1; blank lines are skipped.
 * A line that is not a JSON object is refused alone, the others still read.
 */
export function* parseJsonl(text: string): Generator<JsonlRecord> {
  const lines = text.split('\n')
  for (const [index, raw] of lines.entries()) {
    const line = index === 0 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw
    if (line.trim() === '') {
      continue
    }
    const row = index + 1
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (error) {
      yield { row, error: `not valid JSON (${(error as Error).message})` }
      continue
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield { row, error: 'not a JSON object' }
      continue
    }
    yield { row, value: value as Record<string, unknown> }
  }
}
