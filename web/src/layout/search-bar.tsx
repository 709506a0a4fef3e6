import { type FormEvent, useId, useState } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { queryKeys, useApiQuery, useFieldDefinitions } from '../api'
import { type SearchMatch, searchMatches } from '../fields'
import { Highlighted } from '../ui/highlighted'
import { StatusBadge } from '../ui/status-badge'
import { useDebounced } from '../ui/use-debounced'
import { searchTarget } from './search-target'

const SUGGESTIONS = 6
const DEBOUNCE_MS = 250

/**
 * A suggestion's title with the searched words marked, and the first other field that
 * matched, by its label, when the title alone does not show why the task was found.
 */
function SuggestionText({ title, matches }: { title: string; matches: SearchMatch[] }) {
  const inTitle = matches.find((match) => match.key === 'title')
  const other = matches.find((match) => match.key !== 'title')
  return (
    <span className="suggestion-text">
      <span className="suggestion-title">
        <Highlighted text={title} highlights={inTitle?.highlights ?? []} />
      </span>
      {other ? (
        <span className="field-match">
          <span className="field-match-label">{other.label}:</span>{' '}
          <Highlighted text={other.snippet} highlights={other.highlights} />
        </span>
      ) : null}
    </span>
  )
}

/**
 * The search bar of every page: Enter opens a task by uid, or lists every task whose title
 * or custom field value matches. While typing, the first matches show below as links.
 */
export function SearchBar() {
  const navigate = useNavigate()
  const inputId = useId()
  const listId = useId()
  const [text, setText] = useState('')
  const [open, setOpen] = useState(false)
  const query = useDebounced(text.trim(), DEBOUNCE_MS)
  const enabled = open && query.length >= 2
  const suggestions = useApiQuery(
    [...queryKeys.taskLists, 'search', query],
    (api) => api.listTasks({ q: query, limit: SUGGESTIONS, archived: 'all' }),
    { enabled, staleTime: 10_000 },
  )

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const target = searchTarget(text)
    if (target) {
      // The results page shows what was searched (its "Contains" filter): start afresh here.
      setText('')
      setOpen(false)
      navigate(target)
    }
  }

  const definitions = useFieldDefinitions()
  const items = enabled ? (suggestions.data?.items ?? []) : []
  return (
    <search className="search">
      <form
        onSubmit={submit}
        onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}
        onBlur={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) {
            setOpen(false)
          }
        }}
      >
        <label htmlFor={inputId} className="visually-hidden">
          Search tasks
        </label>
        <input
          id={inputId}
          type="search"
          value={text}
          placeholder="Title, field value or uid"
          autoComplete="off"
          aria-controls={listId}
          onChange={(event) => {
            setText(event.target.value)
            setOpen(true)
          }}
          onFocus={() => setOpen(true)}
        />
        <button type="submit" className="button-secondary">
          Search
        </button>
        <div id={listId} className="search-suggestions" hidden={items.length === 0}>
          <ul aria-label="Matching tasks">
            {items.map((task) => (
              <li key={task.uid}>
                <Link
                  to={`/tasks/${task.uid}`}
                  onClick={() => {
                    setText('')
                    setOpen(false)
                  }}
                >
                  <SuggestionText
                    title={task.fields.title}
                    matches={searchMatches(task.fields, query, definitions.data ?? [])}
                  />
                  <StatusBadge status={task.status} />
                </Link>
              </li>
            ))}
          </ul>
        </div>
      </form>
    </search>
  )
}
