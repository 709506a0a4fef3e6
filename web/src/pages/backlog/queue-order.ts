/**
 * A queue's dispatch order (its `priority`, or by default SLA deadline, then due date,
 * then creation: src/store/dispatch.ts) against what GET /tasks can sort by (due, created or
 * updated date, ties by uid). When the order is one of those, the queue's table shows it
 * exactly; otherwise it shows the nearest the list has and says so.
 */
import type { FieldDefinition, Queue } from '../../api'
import { SORT_KEYS, type SortKey, type TaskSort } from './backlog-filters'

/** How a queue's table is ordered when the reader has not chosen. */
export interface QueueOrder {
  sort: TaskSort
  /** True when the table is in the order the player hands the tasks out. */
  exact: boolean
  /** What the reader is told: the dispatch order, and how the table relates to it. */
  note: string
}

type PrioritySort = NonNullable<Queue['priority']>[number]

const DEFAULT_PRIORITY: PrioritySort[] = [
  { field: 'sla_due_at', direction: 'ascending' },
  { field: 'due_at', direction: 'ascending' },
  { field: 'created_at', direction: 'ascending' },
]

const NAMES: Readonly<Record<string, [string, string, string]>> = {
  // name, ascending, descending
  due_at: ['due date', 'soonest first', 'latest first'],
  created_at: ['creation date', 'oldest first', 'newest first'],
  updated_at: ['last update', 'oldest first', 'newest first'],
  sla_due_at: ['SLA deadline', 'soonest first', 'latest first'],
}

/** One sort key in words: `due date, soonest first`, a custom field by its label. */
export function describeSort(sort: PrioritySort, definitions: readonly FieldDefinition[]): string {
  const known = NAMES[sort.field]
  if (known) {
    return `${known[0]}, ${sort.direction === 'descending' ? known[2] : known[1]}`
  }
  const key = sort.field.replace(/^fields\./, '')
  const name = definitions.find((definition) => definition.key === key)?.label ?? key
  return `${name}, ${sort.direction === 'descending' ? 'descending' : 'ascending'}`
}

function listSort(sort: PrioritySort | undefined): TaskSort | null {
  if (!sort || !(SORT_KEYS as readonly string[]).includes(sort.field)) {
    return null
  }
  const key = sort.field as SortKey
  return sort.direction === 'descending' ? (`-${key}` as TaskSort) : key
}

/** The queue's default order in its table, and what to say about it. */
export function queueOrder(queue: Queue, definitions: readonly FieldDefinition[]): QueueOrder {
  const priority = queue.priority && queue.priority.length > 0 ? queue.priority : DEFAULT_PRIORITY
  const dispatch = priority.map((sort) => describeSort(sort, definitions)).join('; then ')
  const first = listSort(priority[0])
  if (first && priority.length === 1) {
    return {
      sort: first,
      exact: true,
      note: `In dispatch order (${dispatch}): the order the player hands these tasks out.`,
    }
  }
  const sort = first ?? 'due_at'
  const shown = describeSort(
    { field: sort.replace('-', ''), direction: sort.startsWith('-') ? 'descending' : 'ascending' },
    definitions,
  )
  return {
    sort,
    exact: false,
    note: `The player hands these tasks out by ${dispatch}. The list can sort by due, created or updated date only, so it shows them by ${shown}.`,
  }
}
