import {
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useRef,
  useState,
} from 'react'
import {
  errorMessage,
  isApiStatus,
  type Task,
  TesseraApiError,
  type UpdateTaskBody,
  unwrap,
  useApiMutation,
} from '../../api'
import { staleAfterTaskChange } from './task-mutation'

/** `PATCH /tasks/{uid}`, refreshing what the change makes stale, after a failure too. */
export function useTaskPatch(taskUid: string, onSaved?: (task: Task) => void) {
  return useApiMutation(
    (api, body: UpdateTaskBody) =>
      unwrap(api.PATCH('/tasks/{uid}', { params: { path: { uid: taskUid } }, body })),
    {
      invalidates: staleAfterTaskChange(taskUid),
      // A refusal may mean the task moved on meanwhile: show it as it now is.
      invalidatesOnError: true,
      ...(onSaved ? { onSuccess: onSaved } : {}),
    },
  )
}

/**
 * A failed save as one sentence for the field it concerns: a 422's message about `path`
 * (e.g. `/body/fields/amount`) when the API names it, a 409 said as a conflict, else the
 * API's own message.
 */
export function saveErrorText(error: unknown, path: string): string {
  if (isApiStatus(error, 409)) {
    return 'The task changed at the same moment: look at its current value and save again.'
  }
  if (error instanceof TesseraApiError && error.fields.length > 0) {
    const own = error.fields.filter(
      (field) => field.path === path || field.path.startsWith(`${path}/`),
    )
    if (own.length > 0) {
      return `Not saved: ${own.map((field) => field.message).join('; ')}.`
    }
  }
  return `Not saved: ${errorMessage(error)}`
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Options of {@link useInlineEdit}. */
export interface InlineEditOptions<D> {
  /** The value as the task now holds it (refreshed live while editing). */
  current: unknown
  /** The draft an edit starts from. */
  draftOf: (current: unknown) => D
  /** The body to send for a draft, or a problem to show instead of sending. */
  bodyOf: (draft: D) => { body: UpdateTaskBody } | { problem: string }
  /** Where a 422 names this value: `/body/fields/amount`, `/body/due_at`. */
  path: string
  taskUid: string
}

/**
 * One value of the task edited in place: Edit opens it, Enter (Ctrl+Enter in a textarea)
 * saves with `PATCH /tasks/{uid}`, Escape cancels. If the value changed on the server since
 * the edit began (another person, a live update), saving first says so and asks again.
 */
export function useInlineEdit<D>(options: InlineEditOptions<D>) {
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState<D>(() => options.draftOf(options.current))
  const [base, setBase] = useState<unknown>(options.current)
  const [problem, setProblem] = useState<string | null>(null)
  const patch = useTaskPatch(options.taskUid, () => setEditing(false))
  // Back to the Edit button once the editor closes, so the keyboard does not lose its place.
  const editButton = useRef<HTMLButtonElement>(null)
  const wasEditing = useRef(false)
  useEffect(() => {
    if (wasEditing.current && !editing) {
      editButton.current?.focus()
    }
    wasEditing.current = editing
  }, [editing])
  // While saving, the refreshed task already holds the draft: that is no one else's change.
  const conflict = editing && !patch.isPending && !same(base, options.current)

  const start = () => {
    patch.reset()
    setProblem(null)
    setBase(options.current)
    setDraft(options.draftOf(options.current))
    setEditing(true)
  }
  const cancel = () => {
    patch.reset()
    setProblem(null)
    setEditing(false)
  }
  /** Saves the draft; `overwrite` confirms it over a value changed meanwhile. */
  const save = (overwrite = false) => {
    if (conflict && !overwrite) {
      return
    }
    const result = options.bodyOf(draft)
    if ('problem' in result) {
      setProblem(result.problem)
      return
    }
    setProblem(null)
    setBase(options.current)
    patch.mutate(result.body)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      cancel()
      return
    }
    const inTextarea = (event.target as HTMLElement).tagName === 'TEXTAREA'
    if (
      event.key === 'Enter' &&
      !event.shiftKey &&
      (!inTextarea || event.ctrlKey || event.metaKey)
    ) {
      // Handled here for every control (selects and checkboxes have no implicit submit).
      event.preventDefault()
      save()
    }
  }
  const error = problem ?? (patch.error ? saveErrorText(patch.error, options.path) : null)
  return {
    editing,
    editButton,
    draft,
    setDraft: (next: D) => {
      setProblem(null)
      setDraft(next)
    },
    start,
    cancel,
    save,
    onKeyDown,
    pending: patch.isPending,
    error,
    conflict,
  }
}

/** What {@link useInlineEdit} returns. */
export type InlineEdit<D> = ReturnType<typeof useInlineEdit<D>>

/** Props of {@link InlineEditForm}. */
export interface InlineEditFormProps<D> {
  edit: InlineEdit<D>
  /** What is edited, for the buttons' accessible names: "Save Amount". */
  name: string
  /** The current value on the server, said in the conflict notice. */
  currentText: string
  /** Id of the message element, for the control's `aria-describedby`. */
  errorId: string
  children: ReactNode
  /** A textarea inside: tell that Ctrl+Enter saves. */
  multiline?: boolean
}

/** The editor of an {@link useInlineEdit}: the control, Save and Cancel, and what went wrong. */
export function InlineEditForm<D>({
  edit,
  name,
  currentText,
  errorId,
  children,
  multiline,
}: InlineEditFormProps<D>) {
  const submit = (event: FormEvent) => {
    event.preventDefault()
    edit.save()
  }
  return (
    <form
      className="inline-edit"
      onSubmit={submit}
      aria-label={`Edit ${name}`}
      aria-busy={edit.pending}
    >
      {children}
      <div className="inline-edit-actions">
        <button type="submit" className="button-primary" disabled={edit.pending || edit.conflict}>
          {edit.pending ? 'Saving…' : 'Save'}
          <span className="visually-hidden"> {name}</span>
        </button>
        <button type="button" className="button-secondary" onClick={edit.cancel}>
          Cancel
        </button>
        <span className="muted small inline-edit-keys">
          {multiline ? (
            <>
              <kbd>Ctrl</kbd>+<kbd>Enter</kbd> saves
            </>
          ) : (
            <>
              <kbd>Enter</kbd> saves
            </>
          )}
          , <kbd>Esc</kbd> cancels
        </span>
      </div>
      {edit.conflict ? (
        <div className="inline-edit-conflict" role="alert" id={errorId}>
          <p>
            Someone changed {name} while you were editing: it is now{' '}
            <strong>{currentText || 'empty'}</strong>.
          </p>
          <button type="button" className="button-secondary" onClick={() => edit.save(true)}>
            Save mine anyway
          </button>
          <button type="button" className="button-secondary" onClick={edit.cancel}>
            Keep theirs
          </button>
        </div>
      ) : edit.error ? (
        <p className="field-error" role="alert" id={errorId}>
          {edit.error}
        </p>
      ) : null}
    </form>
  )
}
