import type { SearchMatch } from '../../fields'
import { Highlighted } from '../../ui/highlighted'

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
