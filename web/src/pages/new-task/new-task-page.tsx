import { type FormEvent, useId, useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import {
  type CreateTaskBody,
  type FieldError,
  queryKeys,
  TesseraApiError,
  unwrap,
  useApiMutation,
  useFieldDefinitions,
  useForms,
  useQueues,
} from '../../api'
import { useCan } from '../../auth/auth-context'
import { FieldInput } from '../../fields'
import { usePageTitle } from '../../layout/use-page-title'
import { EmptyState } from '../../ui/empty-state'
import { ErrorNotice } from '../../ui/error-notice'
import { Loading } from '../../ui/loading'
import {
  type AskedSection,
  askedSections,
  bodyFromDraft,
  type DraftProblems,
  EMPTY_DRAFT,
  type NewTaskDraft,
} from './new-task-draft'
import './new-task.css'

/** Where "New task" lives; `?form=<uid>` opens it on that form, `?queue=<uid>` in that queue. */
export const NEW_TASK_PATH = '/tasks/new'

/** The select's value for a task from no form. */
const BLANK = ''

function messageAt(errors: readonly FieldError[], path: string): string | undefined {
  const found = errors.filter((error) => error.path === path || error.path.startsWith(`${path}/`))
  return found.length === 0 ? undefined : found.map((error) => error.message).join('; ')
}

/**
 * Creates a task by hand (operators and above): from a form (those with a task type), which
 * sets the task's type and asks for its fields section by section, or blank, with every
 * defined field. Then opens the new task.
 */
export function NewTaskPage() {
  usePageTitle('New task')
  const canCreate = useCan('operator')
  if (!canCreate) {
    return (
      <div className="page">
        <h1>New task</h1>
        <EmptyState title="Your role cannot create tasks">
          Viewers read tasks; ask an admin for the operator role.
        </EmptyState>
      </div>
    )
  }
  return <NewTaskForm />
}

function NewTaskForm() {
  const id = useId()
  const navigate = useNavigate()
  const [search, setSearch] = useSearchParams()
  const isAdmin = useCan('admin')
  const definitions = useFieldDefinitions()
  const forms = useForms()
  const queues = useQueues()
  const [draft, setDraft] = useState<NewTaskDraft>(() => ({
    ...EMPTY_DRAFT,
    // Only admins choose a queue (the API refuses the key from others).
    queueUid: isAdmin ? (search.get('queue') ?? '') : '',
  }))
  const [problems, setProblems] = useState<DraftProblems>({})
  const create = useApiMutation(
    (api, body: CreateTaskBody) => unwrap(api.POST('/tasks', { body })),
    {
      invalidates: [queryKeys.taskLists, queryKeys.queueStats],
      onSuccess: (task) => navigate(`/tasks/${task.uid}`),
    },
  )

  const offered = (forms.data ?? []).filter((form) => form.task_type)
  const formUid = search.get('form') ?? BLANK
  const form = offered.find((candidate) => candidate.uid === formUid) ?? null
  const sections: AskedSection[] = askedSections(form, definitions.data ?? [])
  const apiErrors = create.error instanceof TesseraApiError ? create.error.fields : []
  const errors: FieldError[] = [
    ...Object.entries(problems).map(([path, message]) => ({ path, message })),
    ...apiErrors,
  ]
  const placed = (error: FieldError) =>
    /^\/body\/(fields\/[^/]+|due_at|queue_uid)(\/|$)/.test(error.path)
  const unplaced = create.error && (apiErrors.length === 0 || apiErrors.some((e) => !placed(e)))

  /** Applies a change; what was said about the values it changes no longer holds. */
  const change = (patch: Partial<NewTaskDraft>, paths: string[]) => {
    create.reset()
    setDraft((current) => ({ ...current, ...patch }))
    setProblems((current) =>
      Object.fromEntries(Object.entries(current).filter(([path]) => !paths.includes(path))),
    )
  }
  const chooseForm = (uid: string) => {
    create.reset()
    setProblems({})
    const next = new URLSearchParams(search)
    if (uid) {
      next.set('form', uid)
    } else {
      next.delete('form')
    }
    setSearch(next, { replace: true })
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const result = bodyFromDraft(draft, form, sections)
    setProblems(result.ok ? {} : result.problems)
    if (result.ok) {
      create.mutate(result.body)
    } else {
      // Take the person to the first thing to fix.
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('.new-task [aria-invalid="true"]')?.focus(),
      )
    }
  }

  if (definitions.isPending || forms.isPending) {
    return <Loading label="Loading the fields and forms" />
  }
  const basic = (key: 'title' | 'url', label: string, type: string) => {
    const message = messageAt(errors, `/body/fields/${key}`)
    return (
      <div className="field-input">
        <label htmlFor={`${id}-${key}`} className="field-input-label">
          {label}
          {key === 'title' ? <span className="field-required"> (required)</span> : null}
        </label>
        <input
          id={`${id}-${key}`}
          type={type}
          value={draft[key]}
          maxLength={key === 'title' ? 1000 : 4096}
          required={key === 'title'}
          placeholder={key === 'url' ? 'https://backoffice.example/claims/42' : undefined}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${id}-${key}-error` : undefined}
          onChange={(event) => change({ [key]: event.target.value }, [`/body/fields/${key}`])}
        />
        {message ? (
          <p id={`${id}-${key}-error`} className="field-error">
            {message}
          </p>
        ) : null}
      </div>
    )
  }
  const dueError = messageAt(errors, '/body/due_at')
  const queueError = messageAt(errors, '/body/queue_uid')

  return (
    <div className="page new-task">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/">← Backlog</Link>
        </p>
        <h1>New task</h1>
      </header>
      {definitions.error ? (
        <ErrorNotice error={definitions.error} action="Could not load the field definitions" />
      ) : null}
      {forms.error ? <ErrorNotice error={forms.error} action="Could not load the forms" /> : null}
      <form className="panel new-task-form" onSubmit={submit} noValidate aria-label="New task">
        <div className="field-input new-task-choice">
          <label htmlFor={`${id}-form`} className="field-input-label">
            Form
          </label>
          <select
            id={`${id}-form`}
            value={form?.uid ?? BLANK}
            onChange={(e) => chooseForm(e.target.value)}
          >
            <option value={BLANK}>Blank task</option>
            {offered.map((candidate) => (
              <option key={candidate.uid} value={candidate.uid}>
                {candidate.name}
              </option>
            ))}
          </select>
          <p className="field-help">
            {form
              ? `${form.description ? `${form.description} ` : ''}Tasks made with it are of type “${form.task_type}”.`
              : offered.length > 0
                ? 'A form asks for the fields of one type of task.'
                : 'No form with a task type yet: admins make them in Settings › Forms.'}
          </p>
        </div>

        <fieldset className="new-task-section">
          <legend>Task</legend>
          <div className="new-task-grid">
            {basic('title', 'Title', 'text')}
            {basic('url', 'Back-office link', 'url')}
            <div className="field-input">
              <label htmlFor={`${id}-due`} className="field-input-label">
                Due
              </label>
              <input
                id={`${id}-due`}
                type="datetime-local"
                value={draft.dueAt}
                aria-invalid={dueError ? true : undefined}
                aria-describedby={`${id}-due-help${dueError ? ` ${id}-due-error` : ''}`}
                onChange={(event) => change({ dueAt: event.target.value }, ['/body/due_at'])}
              />
              <p id={`${id}-due-help`} className="field-help">
                Empty: the organization’s default.
              </p>
              {dueError ? (
                <p id={`${id}-due-error`} className="field-error">
                  {dueError}
                </p>
              ) : null}
            </div>
            {isAdmin ? (
              <div className="field-input">
                <label htmlFor={`${id}-queue`} className="field-input-label">
                  Queue
                </label>
                <select
                  id={`${id}-queue`}
                  value={draft.queueUid}
                  aria-invalid={queueError ? true : undefined}
                  onChange={(event) =>
                    change({ queueUid: event.target.value }, ['/body/queue_uid'])
                  }
                >
                  <option value="">Automatic (queue rules)</option>
                  {(queues.data ?? []).map((queue) => (
                    <option key={queue.uid} value={queue.uid}>
                      {queue.name}
                    </option>
                  ))}
                </select>
                {queueError ? <p className="field-error">{queueError}</p> : null}
              </div>
            ) : null}
          </div>
        </fieldset>

        {sections.map((section, index) => (
          <fieldset
            // Sections have no ids; their order is fixed while the form is chosen.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={`${form?.uid ?? 'blank'}-${index}`}
            className="new-task-section"
          >
            <legend>{section.title || (form ? `Part ${index + 1}` : 'Fields')}</legend>
            {section.helpText ? <p className="field-help">{section.helpText}</p> : null}
            <div className="new-task-grid">
              {section.fields.map((asked) => (
                <FieldInput
                  key={asked.definition.key}
                  definition={asked.definition}
                  value={draft.values[asked.definition.key]}
                  required={asked.required}
                  helpText={asked.helpText}
                  error={messageAt(errors, `/body/fields/${asked.definition.key}`)}
                  onChange={(value) =>
                    change({ values: { ...draft.values, [asked.definition.key]: value } }, [
                      `/body/fields/${asked.definition.key}`,
                    ])
                  }
                />
              ))}
            </div>
            {section.missing.length > 0 ? (
              <p className="muted small">
                No longer defined, so not asked: {section.missing.join(', ')}.
              </p>
            ) : null}
          </fieldset>
        ))}

        {unplaced ? <ErrorNotice error={create.error} action="Could not create the task" /> : null}
        {Object.keys(problems).length > 0 || (apiErrors.length > 0 && !unplaced) ? (
          <p className="field-error" role="alert">
            The task was not created: fix the fields marked above.
          </p>
        ) : null}
        <div className="new-task-actions">
          <button type="submit" className="button-primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create task'}
          </button>
          <Link to="/" className="button-secondary">
            Cancel
          </Link>
        </div>
      </form>
    </div>
  )
}
