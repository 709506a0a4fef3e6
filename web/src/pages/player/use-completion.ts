import { useEffect, useMemo, useState } from 'react'
import {
  type Form,
  queryKeys,
  type Task,
  unwrap,
  useApiQuery,
  useFieldDefinitions,
  useQueues,
} from '../../api'
import {
  type CompletionSection,
  completeBlocker,
  completionItems,
  completionSections,
  fieldErrorsOf,
  formData,
  invalidValues,
  missingItems,
} from './completion'

/** What {@link useCompletion} returns: the form before Complete and its state. */
export interface Completion {
  /** The form of the task's queue, when it has one (for its name and description). */
  form: Form | null
  /** The keys of the form's fields, which the form shows (the task card need not). */
  keys: string[]
  /** Empty when Complete asks for nothing. */
  sections: CompletionSection[]
  /** The value of each field of the form: the task's, or what the operator entered. */
  values: Record<string, unknown>
  setValue: (key: string, value: unknown) => void
  /** The API's reasons for refusing the last Complete, by key, until the field is changed. */
  errors: Map<string, string>
  /** Why Complete is disabled, or null. */
  blocker: string | null
  /** The form or the definitions could not be loaded (the API still checks on Complete). */
  loadError: Error | null
  /** What Complete sends: `form_data`, or undefined when there is no form to send. */
  formData: () => Record<string, unknown> | undefined
}

/**
 * The form the operator fills before completing `task`: its queue's form (`form_uid`, read
 * with `GET /forms/{uid}`) and the definitions `required_for_completion`, prefilled from the
 * task's fields. What was entered belongs to that task: another task starts from its own.
 *
 * @param moveError the player's last failure: a 422 of Complete names fields of the form
 */
export function useCompletion(task: Task | null, moveError: Error | null): Completion {
  const queues = useQueues()
  const formUid = queues.data?.find((queue) => queue.uid === task?.queue_uid)?.form_uid ?? null
  const definitions = useFieldDefinitions()
  const form = useApiQuery(
    [...queryKeys.forms, formUid],
    (api) => unwrap(api.GET('/forms/{uid}', { params: { path: { uid: formUid ?? '' } } })),
    { enabled: formUid !== null, staleTime: 60_000 },
  )
  const [entered, setEntered] = useState<{
    taskUid: string | null
    values: Record<string, unknown>
  }>({ taskUid: null, values: {} })
  // Keys changed since the last refusal: its reason no longer applies to them.
  const [changedSinceError, setChangedSinceError] = useState<Set<string>>(new Set())
  useEffect(() => {
    if (moveError) {
      setChangedSinceError(new Set())
    }
  }, [moveError])

  const taskUid = task?.uid ?? null
  const loadedForm = formUid ? (form.data ?? null) : null
  const sections = useMemo(
    () => (task ? completionSections(loadedForm, definitions.data ?? []) : []),
    [task, loadedForm, definitions.data],
  )
  const items = completionItems(sections)
  const edits = entered.taskUid === taskUid ? entered.values : {}
  const values: Record<string, unknown> = {}
  for (const item of items) {
    values[item.key] = Object.hasOwn(edits, item.key) ? edits[item.key] : task?.fields[item.key]
  }

  const errors = new Map(
    [...fieldErrorsOf(moveError)].filter(([key]) => !changedSinceError.has(key)),
  )
  // Until the queue (its form_uid) and the definitions are known, what Complete needs is not.
  const loading = definitions.isPending || queues.isPending || (formUid !== null && form.isPending)
  const blocker = loading
    ? 'Loading the form…'
    : completeBlocker(missingItems(items, values), invalidValues(items, values), items)

  return {
    form: loadedForm,
    keys: items.map((item) => item.key),
    sections,
    values,
    setValue: (key, value) => {
      setEntered({ taskUid, values: { ...edits, [key]: value } })
      setChangedSinceError((keys) => new Set(keys).add(key))
    },
    errors,
    blocker,
    loadError: definitions.error ?? queues.error ?? (formUid ? form.error : null),
    formData: () => (items.length > 0 ? formData(items, values, task?.fields ?? {}) : undefined),
  }
}
