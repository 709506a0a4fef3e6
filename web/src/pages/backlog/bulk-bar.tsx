import { useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useId, useRef, useState } from 'react'
import { Link } from 'react-router-dom'
import {
  errorMessage,
  queryKeys,
  unwrap,
  useApiMutation,
  useFieldDefinitions,
  useQueues,
  useUsers,
} from '../../api'
import { FieldEditor, fromLocalDateTime, workingUsers } from '../../fields'
import { formatCount } from '../../ui/format'
import { statusLabel } from '../../ui/status-badge'
import {
  type BulkAction,
  type BulkOutcome,
  type BulkResult,
  type BulkUndoResult,
  runBulkAction,
  runBulkUndo,
  type UndoOutcome,
} from './bulk-run'
import { bulkSelection, MAX_SELECTED_UIDS, type Selection } from './selection'

type ActionType = BulkAction['type']

const ACTIONS: [ActionType, string][] = [
  ['assign', 'Assign to…'],
  ['unassign', 'Unassign'],
  ['route', 'Route to a queue…'],
  ['set_status', 'Set status…'],
  ['set_field', 'Set a field…'],
  ['clear_field', 'Clear a field…'],
  ['snooze', 'Snooze until…'],
  ['wake', 'Wake (end a snooze)'],
  ['archive', 'Archive'],
  ['restore', 'Restore from the archive'],
]

/** What the reader has filled in for the chosen action. */
interface Draft {
  type: ActionType
  assignee: string
  /** A queue uid, `automatic` or `none`. */
  route: string
  status: 'TODO' | 'STARTED' | 'DONE'
  fieldKey: string
  fieldValue: unknown
  until: string
}

const EMPTY_DRAFT: Draft = {
  type: 'assign',
  assignee: '',
  route: 'automatic',
  status: 'DONE',
  fieldKey: '',
  fieldValue: '',
  until: '',
}

/** The action of POST /tasks/bulk for the draft, or why it is not complete yet. */
export function draftAction(draft: Draft): BulkAction | string {
  switch (draft.type) {
    case 'assign':
      return draft.assignee ? { type: 'assign', assignee_uid: draft.assignee } : 'Choose who.'
    case 'route':
      if (draft.route === 'automatic') {
        return { type: 'route', automatic: true }
      }
      return { type: 'route', queue_uid: draft.route === 'none' ? null : draft.route }
    case 'set_status':
      return { type: 'set_status', status: draft.status }
    case 'set_field':
      return draft.fieldKey.trim()
        ? { type: 'set_field', key: draft.fieldKey.trim(), value: draft.fieldValue }
        : 'Name the field.'
    case 'clear_field':
      return draft.fieldKey.trim()
        ? { type: 'clear_field', key: draft.fieldKey.trim() }
        : 'Name the field.'
    case 'snooze': {
      const until = fromLocalDateTime(draft.until)
      return until ? { type: 'snooze', until } : 'Choose until when.'
    }
    default:
      return { type: draft.type } as BulkAction
  }
}

/** Props of {@link BulkBar}. */
export interface BulkBarProps {
  selection: Selection
  /** How many tasks the selection holds. */
  count: number
  /** The filter shown, sent when everything matching it is selected. */
  filter: Record<string, string | string[]>
  /** After an action: `clearSelection` when the selection no longer means the same tasks. */
  onFinished: (clearSelection: boolean) => void
}

/** What the bar shows after the reader acted. */
type Progress =
  | { kind: 'running'; label: string; result: BulkResult | null }
  | { kind: 'done'; label: string; outcome: BulkOutcome }
  | { kind: 'undoing'; label: string; result: BulkUndoResult | null }
  | { kind: 'undone'; label: string; outcome: UndoOutcome }

/**
 * Bulk actions for admins (as the API allows): on the tasks selected, or on every task the
 * filter matches, in chunks with a progress bar; then an Undo for the last action.
 */
export function BulkBar({ selection, count, filter, onFinished }: BulkBarProps) {
  const ids = useId()
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT)
  const [progress, setProgress] = useState<Progress | null>(null)
  const stop = useRef(false)
  const users = useUsers()
  const queues = useQueues()
  const definitions = useFieldDefinitions()
  const queryClient = useQueryClient()
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.tasks }),
      queryClient.invalidateQueries({ queryKey: queryKeys.queueStats }),
    ])

  const apply = useApiMutation(
    (api, { action, label }: { action: BulkAction; label: string }) => {
      stop.current = false
      setProgress({ kind: 'running', label, result: null })
      return runBulkAction(
        (body) => unwrap(api.POST('/tasks/bulk', { body })),
        { selection: bulkSelection(selection, filter), action },
        (result) => setProgress({ kind: 'running', label, result }),
        () => stop.current,
      )
    },
    {
      onSuccess: (outcome, { action, label }) => {
        setProgress({ kind: 'done', label, outcome })
        void refresh()
        onFinished(
          selection.kind === 'filter' || action.type === 'archive' || action.type === 'restore',
        )
      },
    },
  )
  const undo = useApiMutation(
    (api, { uid, label }: { uid: string; label: string }) => {
      setProgress({ kind: 'undoing', label, result: null })
      return runBulkUndo(
        () => unwrap(api.POST('/tasks/bulk/{uid}/undo', { params: { path: { uid } } })),
        (result) => setProgress({ kind: 'undoing', label, result }),
      )
    },
    {
      onSuccess: (outcome, { label }) => {
        setProgress({ kind: 'undone', label, outcome })
        void refresh()
      },
    },
  )
  const failure = apply.error ?? undo.error
  const busy = apply.isPending || undo.isPending
  const tooMany = selection.kind === 'uids' && count > MAX_SELECTED_UIDS
  const action = tooMany
    ? `At most ${formatCount(MAX_SELECTED_UIDS)} tasks by hand: select all matching instead.`
    : draftAction(draft)
  const definition = (definitions.data ?? []).find((field) => field.key === draft.fieldKey.trim())
  const label = ACTIONS.find(([type]) => type === draft.type)?.[1].replace('…', '') ?? draft.type

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (typeof action !== 'string') {
      apply.mutate({ action, label })
    }
  }
  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change })

  if (count === 0 && !progress) {
    return null
  }
  return (
    <section className="bulk-bar" aria-label="Bulk actions">
      {count === 0 ? (
        <p className="bulk-form">
          <strong className="bulk-count">Nothing selected</strong>
          {busy ? null : (
            <button type="button" className="button-link" onClick={() => setProgress(null)}>
              Dismiss
            </button>
          )}
        </p>
      ) : (
        <form className="bulk-form" onSubmit={submit}>
          <strong className="bulk-count">
            {selection.kind === 'filter' ? `All ${formatCount(count)}` : formatCount(count)}{' '}
            selected
          </strong>
          <div className="field field-inline">
            <label htmlFor={`${ids}-action`}>Bulk action</label>
            <select
              id={`${ids}-action`}
              value={draft.type}
              onChange={(event) => set({ type: event.target.value as ActionType })}
            >
              {ACTIONS.map(([type, text]) => (
                <option key={type} value={type}>
                  {text}
                </option>
              ))}
            </select>
          </div>
          {draft.type === 'assign' ? (
            <div className="field field-inline">
              <label htmlFor={`${ids}-assignee`}>Assign to</label>
              <select
                id={`${ids}-assignee`}
                value={draft.assignee}
                onChange={(event) => set({ assignee: event.target.value })}
              >
                <option value="">Choose…</option>
                {workingUsers(users.data ?? []).map((user) => (
                  <option key={user.uid} value={user.uid}>
                    {user.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {draft.type === 'route' ? (
            <div className="field field-inline">
              <label htmlFor={`${ids}-route`}>Route to</label>
              <select
                id={`${ids}-route`}
                value={draft.route}
                onChange={(event) => set({ route: event.target.value })}
              >
                <option value="automatic">Automatic (the queues’ rules)</option>
                <option value="none">No queue</option>
                {(queues.data ?? []).map((queue) => (
                  <option key={queue.uid} value={queue.uid}>
                    {queue.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {draft.type === 'set_status' ? (
            <div className="field field-inline">
              <label htmlFor={`${ids}-status`}>New status</label>
              <select
                id={`${ids}-status`}
                value={draft.status}
                onChange={(event) => set({ status: event.target.value as Draft['status'] })}
              >
                {(['TODO', 'STARTED', 'DONE'] as const).map((status) => (
                  <option key={status} value={status}>
                    {statusLabel(status)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {draft.type === 'set_field' || draft.type === 'clear_field' ? (
            <div className="field field-inline">
              <label htmlFor={`${ids}-field`}>Field</label>
              <input
                id={`${ids}-field`}
                type="text"
                list={`${ids}-keys`}
                value={draft.fieldKey}
                placeholder="key, e.g. country"
                onChange={(event) => set({ fieldKey: event.target.value, fieldValue: '' })}
              />
              <datalist id={`${ids}-keys`}>
                {(definitions.data ?? []).map((field) => (
                  <option key={field.key} value={field.key}>
                    {field.label}
                  </option>
                ))}
              </datalist>
            </div>
          ) : null}
          {draft.type === 'set_field' && definition ? (
            <div className="field field-inline bulk-value">
              {/* A multi select is a group of checkboxes, named by aria-labelledby, not <label for>. */}
              {definition.type === 'multi_select' ? (
                <span id={`${ids}-value-label`}>Value</span>
              ) : (
                <label id={`${ids}-value-label`} htmlFor={`${ids}-value`}>
                  Value
                </label>
              )}
              <FieldEditor
                definition={definition}
                value={draft.fieldValue}
                id={`${ids}-value`}
                labelledBy={`${ids}-value-label`}
                onChange={(value) => set({ fieldValue: value })}
              />
            </div>
          ) : null}
          {draft.type === 'set_field' && !definition && draft.fieldKey.trim() ? (
            <div className="field field-inline">
              <label htmlFor={`${ids}-value`}>Value</label>
              <input
                id={`${ids}-value`}
                type="text"
                value={typeof draft.fieldValue === 'string' ? draft.fieldValue : ''}
                onChange={(event) => set({ fieldValue: event.target.value })}
              />
            </div>
          ) : null}
          {draft.type === 'snooze' ? (
            <div className="field field-inline">
              <label htmlFor={`${ids}-until`}>Snooze until</label>
              <input
                id={`${ids}-until`}
                type="datetime-local"
                value={draft.until}
                onChange={(event) => set({ until: event.target.value })}
              />
            </div>
          ) : null}
          <button
            type="submit"
            className="button-primary"
            disabled={busy || typeof action === 'string'}
            title={typeof action === 'string' ? action : undefined}
          >
            Apply to {formatCount(count)} {count === 1 ? 'task' : 'tasks'}
          </button>
        </form>
      )}
      <BulkProgress
        progress={progress}
        busy={busy}
        onStop={() => {
          stop.current = true
        }}
        onUndo={(uid, text) => undo.mutate({ uid, label: text })}
      />
      {failure ? (
        <p className="notice notice-error" role="alert">
          {errorMessage(failure)}
        </p>
      ) : null}
    </section>
  )
}

function BulkProgress({
  progress,
  busy,
  onStop,
  onUndo,
}: {
  progress: Progress | null
  busy: boolean
  onStop: () => void
  onUndo: (uid: string, label: string) => void
}) {
  if (!progress) {
    return null
  }
  if (progress.kind === 'running' || progress.kind === 'undoing') {
    const result = progress.result
    const done = result ? result.processed : 0
    const total = result
      ? 'matched_total' in result
        ? result.matched_total
        : result.processed + result.remaining
      : 0
    return (
      <div className="bulk-progress" role="status">
        <span>
          {progress.kind === 'running' ? progress.label : `Undoing ${progress.label.toLowerCase()}`}
          : {formatCount(done)} of {result ? formatCount(total) : '…'}
        </span>
        <progress max={Math.max(total, 1)} value={done} aria-label="Progress" />
        {progress.kind === 'running' ? (
          <button type="button" className="button-link" onClick={onStop}>
            Stop
          </button>
        ) : null}
      </div>
    )
  }
  if (progress.kind === 'done') {
    const { outcome } = progress
    return (
      <div className="bulk-progress" role="status">
        <span>
          {progress.label}: {formatCount(outcome.changed)} changed
          {outcome.unchanged > 0 ? `, ${formatCount(outcome.unchanged)} already so` : ''}
          {outcome.failed.length > 0 ? `, ${formatCount(outcome.failed.length)} refused` : ''}
          {outcome.stopped ? ' (stopped before the end)' : ''}.
        </span>
        {outcome.changed > 0 ? (
          <button
            type="button"
            className="button-secondary"
            disabled={busy}
            onClick={() => onUndo(outcome.undo_uid, progress.label)}
          >
            Undo
          </button>
        ) : null}
        <Problems problems={outcome.failed} />
      </div>
    )
  }
  const { outcome } = progress
  return (
    <div className="bulk-progress" role="status">
      <span>
        Undone: {formatCount(outcome.restored)} restored
        {outcome.skipped.length > 0
          ? `, ${formatCount(outcome.skipped.length)} left as they are`
          : ''}
        .
      </span>
      <Problems problems={outcome.skipped} />
    </div>
  )
}

/** How many refusals are listed by task; the rest are counted. */
const LISTED = 5

function Problems({ problems }: { problems: readonly { uid: string; message: string }[] }) {
  if (problems.length === 0) {
    return null
  }
  return (
    <ul className="bulk-problems">
      {problems.slice(0, LISTED).map((problem) => (
        <li key={problem.uid}>
          <Link to={`/tasks/${problem.uid}`}>Task {problem.uid.slice(0, 8)}</Link>:{' '}
          {problem.message}
        </li>
      ))}
      {problems.length > LISTED ? <li>and {formatCount(problems.length - LISTED)} more</li> : null}
    </ul>
  )
}
