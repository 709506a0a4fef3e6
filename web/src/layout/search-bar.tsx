import { type FormEvent, useId, useState } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { queryKeys, useApiQuery, useFieldDefinitions } from '../api'
import { type FieldMatch, matchingField } from '../fields'
import { StatusBadge } from '../ui/status-badge'
import { useDebounced } from '../ui/use-debounced'
import { searchTarget } from './search-target'

const SUGGESTIONS = 6
const DEBOUNCE_MS = 250

/** A suggestion's title, and the field that matched (by its label) when the title did not. */
function SuggestionText({ title, match }: { title: string; match: FieldMatch | null }) {
  return (
    <span className="suggestion-text">
      <span className="suggestion-title">{title}</span>
      {match ? (
        <span className="field-match">
          <span className="field-match-label">{match.label}:</span> {match.text}
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
                    match={matchingField(task.fields, query, definitions.data ?? [])}
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
