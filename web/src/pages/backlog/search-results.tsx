import type { SearchMatch } from './search-match'

/** Text with the matched words in `<mark>`. */
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

/** How many other fields a row names under its title, at most. */
const SHOWN = 2

/** Under a row's title: which other fields matched the text filter, with the words marked. */
export function MatchLines({ matches }: { matches: SearchMatch[] }) {
  if (matches.length === 0) {
    return null
  }
  return (
    <ul className="match-lines" aria-label="Matched in">
      {matches.slice(0, SHOWN).map((match) => (
        <li key={match.key}>
          <span className="match-label">{match.label}:</span>{' '}
          <Highlighted text={match.snippet} highlights={match.highlights} />
        </li>
      ))}
      {matches.length > SHOWN ? (
        <li className="muted">and {matches.length - SHOWN} more fields</li>
      ) : null}
    </ul>
  )
}
