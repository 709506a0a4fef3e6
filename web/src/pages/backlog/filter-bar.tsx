import { type FormEvent, useEffect, useId, useState } from 'react'
import { useUsers } from '../../api'
import { useAccount } from '../../auth/auth-context'
import {
  type ArchivedFilter,
  type BacklogFilters,
  clearedFilters,
  DEFAULT_FILTERS,
  isFiltered,
  PAGE_SIZES,
  type StatusFilter,
  type TaskSort,
} from './backlog-filters'
import { FieldFilters } from './field-filters'

const STATUS_OPTIONS: [StatusFilter, string][] = [
  ['open', 'Open (to do or started)'],
  ['TODO', 'To do'],
  ['STARTED', 'Started'],
  ['DONE', 'Done'],
  ['all', 'Any status'],
]

const ARCHIVED_OPTIONS: [ArchivedFilter, string][] = [
  ['false', 'Hidden'],
  ['true', 'Only archived'],
  ['all', 'Shown too'],
]

const SORT_OPTIONS: [TaskSort, string][] = [
  ['due_at', 'Due date, soonest first'],
  ['-due_at', 'Due date, latest first'],
  ['created_at', 'Created, oldest first'],
  ['-created_at', 'Created, newest first'],
  ['updated_at', 'Updated, oldest first'],
  ['-updated_at', 'Updated, newest first'],
]

/** How many filters differ from the defaults (sorting and page size are not filters). */
export function activeFilterCount(filters: BacklogFilters): number {
  return (
    Number(filters.status !== DEFAULT_FILTERS.status) +
    Number(filters.assignee !== null) +
    Number(filters.q.trim() !== '') +
    Number(filters.archived !== DEFAULT_FILTERS.archived) +
    filters.fields.length +
    filters.params.length
  )
}

/** Props of {@link FilterBar}. */
export interface FilterBarProps {
  filters: BacklogFilters
  onChange: (filters: BacklogFilters) => void
  /** Custom field names seen on the tasks shown, offered as suggestions. */
  fieldNames: string[]
  /** What "Default order" means here (all tasks, or a queue's order). */
  defaultSortLabel: string
}

/** Status, assignee, text and custom-field filters, sorting and page size of the backlog. */
export function FilterBar({ filters, onChange, fieldNames, defaultSortLabel }: FilterBarProps) {
  const account = useAccount()
  const users = useUsers()
  const [text, setText] = useState(filters.q)
  // On a phone the filters fold away behind a button; wider screens always show them.
  const [unfolded, setUnfolded] = useState(false)
  const bodyId = useId()
  // The search bar may change `q` from outside: show what is applied.
  useEffect(() => setText(filters.q), [filters.q])

  const applyText = (event: FormEvent) => {
    event.preventDefault()
    onChange({ ...filters, q: text })
  }
  const others = (users.data ?? []).filter((user) => user.uid !== account.user.uid)
  const changed = isFiltered(filters)
  const active = activeFilterCount(filters)

  return (
    <section className={unfolded ? 'filter-bar' : 'filter-bar filters-folded'} aria-label="Filters">
      <button
        type="button"
        className="button-secondary filter-toggle"
        aria-expanded={unfolded}
        aria-controls={bodyId}
        onClick={() => setUnfolded(!unfolded)}
      >
        Filters{active > 0 ? ` (${active} active)` : ''}
      </button>
      <div id={bodyId} className="filter-body">
        <div className="filter-row">
          <label className="field field-inline">
            <span>Status</span>
            <select
              value={filters.status}
              onChange={(event) =>
                onChange({
                  ...filters,
                  status: event.target.value as StatusFilter,
                  // A status list a view held goes: the select says which statuses now.
                  params: filters.params.filter((param) => param.name !== 'status'),
                })
              }
            >
              {STATUS_OPTIONS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="field field-inline">
            <span>Assignee</span>
            <select
              value={filters.assignee ?? ''}
              onChange={(event) => onChange({ ...filters, assignee: event.target.value || null })}
            >
              <option value="">Anyone</option>
              <option value={account.user.uid}>Me</option>
              {others.map((user) => (
                <option key={user.uid} value={user.uid}>
                  {user.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field field-inline">
            <span>Sort by</span>
            <select
              value={filters.sort ?? ''}
              onChange={(event) =>
                onChange({ ...filters, sort: (event.target.value || null) as TaskSort | null })
              }
            >
              <option value="">{defaultSortLabel}</option>
              {SORT_OPTIONS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="field field-inline">
            <span>Archived</span>
            <select
              value={filters.archived}
              onChange={(event) =>
                onChange({ ...filters, archived: event.target.value as ArchivedFilter })
              }
            >
              {ARCHIVED_OPTIONS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="field field-inline">
            <span>Per page</span>
            <select
              value={filters.limit}
              onChange={(event) => onChange({ ...filters, limit: Number(event.target.value) })}
            >
              {PAGE_SIZES.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </select>
          </label>
          <form className="filter-text" onSubmit={applyText}>
            <label className="field field-inline">
              <span>Contains</span>
              <input
                type="search"
                value={text}
                placeholder="Words, any order"
                onChange={(event) => setText(event.target.value)}
              />
            </label>
            <button type="submit" className="button-secondary">
              Apply
            </button>
          </form>
          {changed ? (
            <button
              type="button"
              className="button-link"
              onClick={() => onChange(clearedFilters(filters))}
            >
              Clear filters
            </button>
          ) : null}
        </div>
        <FieldFilters
          fields={filters.fields}
          fieldNames={fieldNames}
          onChange={(fields) => onChange({ ...filters, fields })}
        />
        {filters.params.length > 0 ? (
          <ul className="chips" aria-label="Other filters">
            {filters.params.map((param, index) => (
              <li key={`${param.name}=${param.value}`} className="chip">
                <span>
                  {param.name} = {param.value}
                </span>
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={`Remove filter ${param.name} = ${param.value}`}
                  onClick={() =>
                    onChange({ ...filters, params: filters.params.filter((_, i) => i !== index) })
                  }
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  )
}
