const BARS = '▁▂▃▄▅▆▇█'

/**
 * A one-line chart of `values` from the lowest to the highest, with both ends labelled, so
 * a trend is seen at a glance. NaN samples show as a space.
 */
export function sparkline(values: number[], unit: string, digits = 0): string {
  const finite = values.filter(Number.isFinite)
  if (finite.length === 0) {
    return '(no samples)'
  }
  const low = Math.min(...finite)
  const high = Math.max(...finite)
  const span = high - low || 1
  const bars = values
    .map((v) =>
      Number.isFinite(v) ? BARS[Math.round(((v - low) / span) * (BARS.length - 1))] : ' ',
    )
    .join('')
  return `${bars}  ${low.toFixed(digits)}–${high.toFixed(digits)} ${unit}`
}

/** The median of `values` (NaN for none). */
export function median(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b)
  if (sorted.length === 0) {
    return Number.NaN
  }
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** A Markdown table with right-aligned numeric columns. */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const cells = rows.map((row) => row.map(String))
  const widths = header.map((h, i) =>
    Math.max(h.length, ...cells.map((row) => (row[i] ?? '').length)),
  )
  const line = (row: string[]) =>
    `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(' | ')} |`
  const rule = `|${widths.map((w, i) => (i === 0 ? `-${'-'.repeat(w)}-` : `-${'-'.repeat(w)}:`)).join('|')}|`
  return [line(header), rule, ...cells.map(line)].join('\n')
}
