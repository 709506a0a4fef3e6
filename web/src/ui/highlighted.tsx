/** Text with the given `[start, end)` ranges in `<mark>`: a search's matched words. */
export function Highlighted({
  text,
  highlights,
}: {
  text: string
  highlights: readonly [number, number][]
}) {
  const parts: React.ReactNode[] = []
  let at = 0
  for (const [start, end] of highlights) {
    if (start < at) {
      continue
    }
    parts.push(text.slice(at, start))
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>)
    at = end
  }
  parts.push(text.slice(at))
  return <>{parts}</>
}
