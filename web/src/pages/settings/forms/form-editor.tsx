import { type FormEvent, useId, useState } from 'react'
import { type FieldError, type Form, TesseraApiError, useFieldDefinitions } from '../../../api'
import { sortDefinitions } from '../../../fields'
import { ErrorNotice } from '../../../ui/error-notice'
import { Loading } from '../../../ui/loading'
import { EditorFooter } from '../shared/editor-footer'
import { fieldErrorsOf, messageAt } from '../shared/field-errors'
import { FormError } from '../shared/form-error'
import { NameField } from '../shared/name-field'
import {
  bodyFromDraft,
  draftFromForm,
  emptySection,
  type FormDraft,
  type FormDraftProblems,
  moved,
  usedKeys,
} from './form-draft'
import { useCreateForm, useUpdateForm } from './forms-api'
import { SectionEditor } from './section-editor'

/** Body paths shown next to an input; a 422 about anything else goes in a notice. */
const PLACED = /^\/body\/(name|description|task_type|sections)(\/|$)/

export interface FormEditorProps {
  /** The form to edit; none to create one. */
  form?: Form
  onDone: () => void
}

/**
 * Creates or edits a form: its name, the task type it creates tasks of (if any), and its
 * sections of fields, each required or not, with help text, in order.
 */
export function FormEditor({ form, onDone }: FormEditorProps) {
  const id = useId()
  const definitions = useFieldDefinitions()
  const [draft, setDraft] = useState<FormDraft>(() => draftFromForm(form))
  const [problems, setProblems] = useState<FormDraftProblems>({})
  const create = useCreateForm(onDone)
  const update = useUpdateForm(onDone)
  const save = form ? update : create
  const errors: FieldError[] = [
    ...Object.entries(problems).map(([path, message]) => ({ path, message })),
    ...fieldErrorsOf(save.error),
  ]
  const nameTaken = save.error instanceof TesseraApiError && save.error.code === 'name_taken'
  const at = (path: string) =>
    path === '/body/name' && nameTaken ? 'Another form has this name.' : messageAt(errors, path)
  const unplaced =
    save.error && !nameTaken && !fieldErrorsOf(save.error).some((error) => PLACED.test(error.path))

  const change = (patch: Partial<FormDraft>) => {
    save.reset()
    setDraft((current) => ({ ...current, ...patch }))
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const result = bodyFromDraft(draft)
    setProblems(result.ok ? {} : result.problems)
    if (!result.ok) {
      return
    }
    if (form) {
      update.mutate({ uid: form.uid, body: result.body })
    } else {
      create.mutate(result.body)
    }
  }

  if (definitions.isPending) {
    return <Loading label="Loading the fields" />
  }
  const sorted = sortDefinitions(definitions.data ?? [])
  const used = usedKeys(draft)
  const nameError = at('/body/name')
  const typeError = at('/body/task_type')
  const sectionsError = messageAt(
    errors.filter((error) => !/^\/body\/sections\/\d+\//.test(error.path)),
    '/body/sections',
  )

  return (
    <form
      className="st-form"
      onSubmit={submit}
      aria-label={form ? `Edit form ${form.name}` : 'New form'}
      noValidate
    >
      {definitions.error ? (
        <ErrorNotice error={definitions.error} action="Could not load the fields" />
      ) : null}
      <div className="st-grid-form">
        <NameField value={draft.name} error={nameError} onChange={(name) => change({ name })} />
        <div className="st-field">
          <label htmlFor={`${id}-type`}>Task type</label>
          <input
            id={`${id}-type`}
            type="text"
            value={draft.taskType}
            maxLength={1000}
            placeholder="refund_request"
            aria-describedby={`${id}-type-help${typeError ? ` ${id}-type-error` : ''}`}
            aria-invalid={typeError ? true : undefined}
            onChange={(event) => change({ taskType: event.target.value })}
          />
          <p id={`${id}-type-help`} className="muted small">
            “New task” offers the form and gives its tasks this type. Empty: only for completing a
            queue’s tasks.
          </p>
          <FormError id={`${id}-type-error`} message={typeError} />
        </div>
        <div className="st-field st-span">
          <label htmlFor={`${id}-description`}>Description</label>
          <textarea
            id={`${id}-description`}
            rows={2}
            maxLength={5000}
            value={draft.description}
            onChange={(event) => change({ description: event.target.value })}
          />
        </div>
      </div>
      {sorted.length === 0 ? (
        <p className="muted">No field is defined yet: define some in Settings › Fields first.</p>
      ) : null}
      {draft.sections.map((section, index) => (
        <SectionEditor
          // Sections are edited by position.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          key={index}
          section={section}
          index={index}
          count={draft.sections.length}
          definitions={sorted}
          used={used}
          errors={errors}
          onChange={(next) =>
            change({ sections: draft.sections.map((s, i) => (i === index ? next : s)) })
          }
          onMove={(offset) => change({ sections: moved(draft.sections, index, offset) })}
          onRemove={() => change({ sections: draft.sections.filter((_, i) => i !== index) })}
        />
      ))}
      <div>
        <button
          type="button"
          className="button-secondary"
          onClick={() => change({ sections: [...draft.sections, emptySection()] })}
        >
          Add a section
        </button>
        <FormError id={`${id}-sections-error`} message={sectionsError} />
      </div>
      <EditorFooter
        noun="form"
        isNew={!form}
        pending={save.isPending}
        invalid={(errors.length > 0 || nameTaken) && !unplaced}
        unplaced={unplaced ? save.error : null}
        onCancel={onDone}
      />
    </form>
  )
}
