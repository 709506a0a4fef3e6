import { type FormEvent, useState } from 'react'
import type { FieldError, Queue } from '../../../api'
import type { Condition } from '../../../components/condition-builder/condition'
import { ConditionBuilder } from '../../../components/condition-builder/condition-builder'
import { useDebounced } from '../../../ui/use-debounced'
import { EditorFooter } from '../shared/editor-footer'
import { fieldErrorsOf, messageAt } from '../shared/field-errors'
import { CompletionFormField } from './completion-form-field'
import { ConditionPreview } from './condition-preview'
import { useFieldSuggestions } from './field-suggestions'
import { usePreviewCounts, usePreviewTasks } from './preview-api'
import { PriorityEditor } from './priority-editor'
import { QueueBasics } from './queue-basics'
import { bodyFromDraft, type DraftProblems, draftFromQueue, type QueueDraft } from './queue-draft'
import { useCreateQueue, useUpdateQueue } from './queues-api'
import { SlaField } from './sla-field'

const PREVIEW_DELAY = 400

export interface QueueEditorProps {
  /** The queue to edit; none to create one. */
  queue?: Queue
  onDone: () => void
}

function unique(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>()
  return errors.filter((error) => {
    const key = `${error.path} ${error.message}`
    const fresh = !seen.has(key)
    seen.add(key)
    return fresh
  })
}

/** Body paths the form shows next to an input; errors elsewhere go in a notice. */
const PLACED = [
  '/body/name',
  '/body/skills',
  '/body/sla_policy',
  '/body/priority',
  '/body/condition',
  '/body/form_uid',
]

function isPlaced(error: FieldError): boolean {
  return PLACED.some((path) => error.path === path || error.path.startsWith(`${path}/`))
}

/** Creates or edits a queue: its basics, SLA, priority, and trigger condition with a preview. */
export function QueueEditor({ queue, onDone }: QueueEditorProps) {
  const [draft, setDraft] = useState<QueueDraft>(() => draftFromQueue(queue))
  const [conditionValid, setConditionValid] = useState(true)
  const [problems, setProblems] = useState<DraftProblems>({})
  const [submitted, setSubmitted] = useState(false)
  const create = useCreateQueue(onDone)
  const update = useUpdateQueue(onDone)
  const save = queue ? update : create
  const fieldSuggestions = useFieldSuggestions()

  const settled = useDebounced(draft.condition, PREVIEW_DELAY)
  const previewing = conditionValid && settled === draft.condition
  const tasks = usePreviewTasks(settled, conditionValid)
  const counts = usePreviewCounts(settled, conditionValid)
  const previewErrors = fieldErrorsOf(tasks.error)
  const saveErrors = fieldErrorsOf(save.error)

  const change = (patch: Partial<QueueDraft>) => setDraft((current) => ({ ...current, ...patch }))
  const changeCondition = (condition: Condition, state: { valid: boolean }) => {
    setConditionValid(state.valid)
    // The save's errors named nodes of the condition as it was: they no longer apply.
    save.reset()
    change({ condition })
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const result = bodyFromDraft(draft)
    setSubmitted(true)
    setProblems(result.ok ? {} : result.problems)
    if (!result.ok || !conditionValid) {
      return
    }
    if (queue) {
      update.mutate({ uid: queue.uid, body: result.body })
    } else {
      create.mutate(result.body)
    }
  }

  const errors = [
    ...saveErrors,
    ...Object.entries(problems).map(([path, message]) => ({ path, message })),
  ]
  const conditionErrors = unique([...previewErrors, ...saveErrors])
  const unplaced = saveErrors.some((error) => !isPlaced(error))

  return (
    <form
      className="st-form st-queue-editor"
      onSubmit={submit}
      aria-label={queue ? `Edit queue ${queue.name}` : 'New queue'}
      noValidate
    >
      <QueueBasics draft={draft} errors={errors} onChange={change} />
      <SlaField draft={draft} error={messageAt(errors, '/body/sla_policy')} onChange={change} />
      <CompletionFormField
        draft={draft}
        error={messageAt(errors, '/body/form_uid')}
        onChange={change}
      />
      <PriorityEditor
        priority={draft.priority}
        error={messageAt(errors, '/body/priority')}
        onChange={(priority) => change({ priority })}
      />
      <section className="st-condition" aria-labelledby="trigger-title">
        <h3 id="trigger-title">Trigger condition</h3>
        <p className="muted small">
          Tasks matching it join this queue, unless a queue above takes them first.
        </p>
        <ConditionBuilder
          value={draft.condition}
          onChange={changeCondition}
          errors={conditionErrors}
          fieldSuggestions={fieldSuggestions}
          label="Trigger condition"
          hideLabel
        />
      </section>
      <ConditionPreview
        tasks={tasks.data}
        counts={counts.data}
        invalid={!conditionValid || previewErrors.length > 0}
        error={tasks.error ?? counts.error}
        loading={!previewing || tasks.isFetching || counts.isFetching}
      />
      <EditorFooter
        noun="queue"
        isNew={!queue}
        pending={save.isPending}
        invalid={(saveErrors.length > 0 && !unplaced) || (submitted && !conditionValid)}
        unplaced={save.error && (saveErrors.length === 0 || unplaced) ? save.error : null}
        onCancel={onDone}
      />
    </form>
  )
}
