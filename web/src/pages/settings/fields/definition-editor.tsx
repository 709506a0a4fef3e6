import { type FormEvent, useId, useState } from 'react'
import { type FieldDefinition, type FieldError, isApiStatus, TesseraApiError } from '../../../api'
import { EditorFooter } from '../shared/editor-footer'
import { fieldErrorsOf, messageAt } from '../shared/field-errors'
import { errorProps, FormError } from '../shared/form-error'
import {
  createBody,
  draftFromField,
  type FieldDraft,
  type FieldDraftProblems,
  keyFromLabel,
  updateBody,
} from './field-draft'
import { COMMON_CURRENCIES, FIELD_TYPE_LABELS, FIELD_TYPES, hasOptions } from './field-types'
import { useCreateField, useUpdateField } from './fields-api'
import { OptionsEditor } from './options-editor'

/** Body paths shown next to an input; a 422 about anything else goes in a notice. */
const PLACED = /^\/body\/(key|label|type|options|currency|help_text)(\/|$)/

export interface DefinitionEditorProps {
  /** The definition to edit; none to create one. */
  field?: FieldDefinition
  onDone: () => void
}

/**
 * Creates or edits a custom field: label and key (fixed once created), type with what the
 * type needs (options for selects, a currency for money), help text, and whether the
 * backlog shows it and the player asks for it before Complete.
 */
export function DefinitionEditor({ field, onDone }: DefinitionEditorProps) {
  const id = useId()
  const [draft, setDraft] = useState<FieldDraft>(() => draftFromField(field))
  const [problems, setProblems] = useState<FieldDraftProblems>({})
  const create = useCreateField(onDone)
  const update = useUpdateField(onDone)
  const save = field ? update : create
  const keyTaken = save.error instanceof TesseraApiError && save.error.code === 'key_taken'
  const errors: FieldError[] = [
    ...Object.entries(problems).map(([path, message]) => ({ path, message })),
    ...fieldErrorsOf(save.error),
    ...(keyTaken ? [{ path: '/body/key', message: 'Another field has this key.' }] : []),
  ]
  const at = (path: string) => messageAt(errors, path)
  const unplaced =
    save.error && !keyTaken && !fieldErrorsOf(save.error).some((error) => PLACED.test(error.path))

  const change = (patch: Partial<FieldDraft>) => {
    save.reset()
    setDraft((current) => ({ ...current, ...patch }))
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (field) {
      const result = updateBody(draft)
      setProblems(result.ok ? {} : result.problems)
      if (result.ok) {
        update.mutate({ uid: field.uid, body: result.body })
      }
    } else {
      const result = createBody(draft)
      setProblems(result.ok ? {} : result.problems)
      if (result.ok) {
        create.mutate(result.body)
      }
    }
  }

  const text = (
    key: 'label' | 'key',
    label: string,
    help?: string,
    extra: { disabled?: boolean } = {},
  ) => {
    const message = at(`/body/${key}`)
    return (
      <div className="st-field">
        <label htmlFor={`${id}-${key}`}>{label}</label>
        <input
          id={`${id}-${key}`}
          type="text"
          value={draft[key]}
          maxLength={key === 'key' ? 63 : 200}
          required
          spellCheck={key === 'key' ? false : undefined}
          disabled={extra.disabled}
          onChange={(event) =>
            key === 'label'
              ? change({
                  label: event.target.value,
                  ...(draft.keyTouched ? {} : { key: keyFromLabel(event.target.value) }),
                })
              : change({ key: event.target.value, keyTouched: true })
          }
          {...errorProps(`${id}-${key}-error`, message)}
          aria-describedby={
            [help ? `${id}-${key}-help` : '', message ? `${id}-${key}-error` : '']
              .filter(Boolean)
              .join(' ') || undefined
          }
        />
        {help ? (
          <p id={`${id}-${key}-help`} className="muted small">
            {help}
          </p>
        ) : null}
        <FormError id={`${id}-${key}-error`} message={message} />
      </div>
    )
  }
  const typeError = at('/body/type')
  const currencyError = at('/body/currency')

  return (
    <form
      className="st-form"
      onSubmit={submit}
      aria-label={field ? `Edit field ${field.label}` : 'New field'}
      noValidate
    >
      <div className="st-grid-form">
        {text('label', 'Label', 'How the app names it.')}
        {text(
          'key',
          'Key',
          field
            ? 'The key in every task’s fields: fixed once created.'
            : 'The key in every task’s fields (as the API sends it); fixed once created.',
          { disabled: Boolean(field) },
        )}
        <div className="st-field">
          <label htmlFor={`${id}-type`}>Type</label>
          <select
            id={`${id}-type`}
            value={draft.type}
            onChange={(event) => change({ type: event.target.value as FieldDraft['type'] })}
            {...errorProps(`${id}-type-error`, typeError)}
          >
            {FIELD_TYPES.map((type) => (
              <option key={type} value={type}>
                {FIELD_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
          {field && field.type !== draft.type ? (
            <p className="muted small">
              Tasks keep their values; those that do not fit the new type are flagged.
            </p>
          ) : null}
          <FormError id={`${id}-type-error`} message={typeError} />
        </div>
        {draft.type === 'money' ? (
          <div className="st-field">
            <label htmlFor={`${id}-currency`}>Currency</label>
            <input
              id={`${id}-currency`}
              type="text"
              value={draft.currency}
              list={`${id}-currencies`}
              maxLength={3}
              placeholder="EUR"
              autoCapitalize="characters"
              spellCheck={false}
              onChange={(event) => change({ currency: event.target.value.toUpperCase() })}
              {...errorProps(`${id}-currency-error`, currencyError)}
            />
            <datalist id={`${id}-currencies`}>
              {COMMON_CURRENCIES.map((code) => (
                <option key={code} value={code} />
              ))}
            </datalist>
            <FormError id={`${id}-currency-error`} message={currencyError} />
          </div>
        ) : null}
      </div>
      {hasOptions(draft.type) ? (
        <OptionsEditor
          options={draft.options}
          onChange={(options) => change({ options })}
          error={messageAt(
            errors.filter((error) => !/^\/body\/options\/\d+\//.test(error.path)),
            '/body/options',
          )}
          errorAt={(index, key) => at(`/body/options/${index}/${key}`)}
        />
      ) : null}
      <div className="st-field st-span">
        <label htmlFor={`${id}-help`}>Help text</label>
        <textarea
          id={`${id}-help`}
          rows={2}
          maxLength={2000}
          value={draft.helpText}
          onChange={(event) => change({ helpText: event.target.value })}
        />
        <FormError id={`${id}-help-error`} message={at('/body/help_text')} />
      </div>
      <div className="st-checks">
        <label className="st-check">
          <input
            type="checkbox"
            checked={draft.shownInBacklog}
            onChange={(event) => change({ shownInBacklog: event.target.checked })}
          />
          Shown in the backlog
        </label>
        <label className="st-check">
          <input
            type="checkbox"
            checked={draft.requiredForCompletion}
            onChange={(event) => change({ requiredForCompletion: event.target.checked })}
          />
          Required before Complete (in every queue)
        </label>
      </div>
      <EditorFooter
        noun="field"
        isNew={!field}
        pending={save.isPending}
        invalid={
          !unplaced && (errors.length > 0 || Boolean(save.error && isApiStatus(save.error, 422)))
        }
        unplaced={unplaced ? save.error : null}
        onCancel={onDone}
      />
    </form>
  )
}
