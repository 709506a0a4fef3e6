import { randomUUID } from 'node:crypto'

/** Ten countries, so `?country=FR` matches about a tenth of the tasks. */
export const COUNTRIES = ['FR', 'DE', 'ES', 'IT', 'GB', 'US', 'NL', 'BE', 'PT', 'PL'] as const

/** The country the filter benchmark asks for. */
export const FILTER_COUNTRY = 'FR'

const DAY_MS = 86_400_000

/** The body of `POST /tasks`, as a back-office system would send it. */
export interface TaskBody {
  status: 'TODO' | 'STARTED' | 'DONE'
  due_at: string
  fields: { title: string; url: string; country: string; claim_id: string; amount: number }
}

function pickStatus(n: number): TaskBody['status'] {
  // 70% to do, 20% done, 10% in progress: a queue that is being worked.
  const r = n % 10
  return r < 7 ? 'TODO' : r < 9 ? 'DONE' : 'STARTED'
}

/** Task number `n` (deterministic but for the due date): realistic fields and statuses. */
export function makeTask(n: number, now = Date.now()): TaskBody {
  const claim = `CLM-${String(100_000 + n).padStart(8, '0')}`
  return {
    status: pickStatus(n),
    // Due dates spread over ±30 days, so sorting by due date is not insertion order.
    due_at: new Date(now + (Math.random() * 60 - 30) * DAY_MS).toISOString(),
    fields: {
      title: `Review claim ${claim}`,
      url: `https://backoffice.example.com/claims/${claim}`,
      country: COUNTRIES[n % COUNTRIES.length] ?? 'FR',
      claim_id: claim,
      amount: Math.round(Math.random() * 500_000) / 100,
    },
  }
}

/**
 * The row the store writes for a new task (see newTaskState in src/core/tasks): what the
 * raw-SQL baselines insert, so both sides store exactly the same data.
 */
export interface TaskRow {
  uid: string
  status: TaskBody['status']
  archived: boolean
  fields: TaskBody['fields']
  due_at: string
  started_at: string | null
  done_at: string | null
  skills: string[]
  parent_uid: string | null
}

/** The stored row for a task body, as the server would make it at `now`. */
export function toRow(body: TaskBody, now = new Date().toISOString()): TaskRow {
  return {
    uid: randomUUID(),
    status: body.status,
    archived: false,
    fields: body.fields,
    due_at: body.due_at,
    started_at: body.status === 'TODO' ? null : now,
    done_at: body.status === 'DONE' ? now : null,
    skills: [],
    parent_uid: null,
  }
}
