import type { TaskStatus } from '../api'

const LABELS: Record<TaskStatus, string> = { TODO: 'To do', STARTED: 'Started', DONE: 'Done' }

/** The label of a task status on screen. */
export function statusLabel(status: TaskStatus): string {
  return LABELS[status]
}

/** A task's status as a small coloured badge. */
export function StatusBadge({ status }: { status: TaskStatus }) {
  return <span className={`badge badge-${status.toLowerCase()}`}>{LABELS[status]}</span>
}
