/**
 * Edits one custom field by its definition's type. Controlled, in the API's values: `value` is
 * what `fields[key]` holds, `onChange` gets the new value, null when emptied (PATCH removes a
 * key set to null).
 *
 *   <label htmlFor={id}>{definition.label}</label>
 *   <FieldEditor id={id} definition={definition} value={draft} onChange={setDraft} />
 *
 *   <FieldInput definition={definition} value={draft} onChange={setDraft} required error={…} />
 *   // the same with its label, help text, required mark, mismatch note and error message
 *
 * Controls: text, url and email inputs; a textarea for long text; number inputs (money
 * with its currency beside); date and datetime-local inputs (date-times in the reader's
 * time zone, sent as ISO 8601); a checkbox for booleans; a select for single selects and
 * users (active operators and above only, as the API accepts); a group of checkboxes for
 * multi selects (give `labelledBy`, the id of its visible label, since a group has no
 * `<label for>`).
 */
import { type KeyboardEventHandler, type ReactNode, useId } from 'react'
import { type FieldDefinition, type User, useUsers } from '../api'
import { hasRole } from '../auth/roles'
import { fieldProblem, rawText } from './field-text'
import './fields.css'

const pad = (n: number) => String(n).padStart(2, '0')

/** An ISO instant as an `<input type="datetime-local">` value in the reader's zone; '' if none. */
export function toLocalDateTime(iso: unknown): string {
  const date = typeof iso === 'string' ? new Date(iso) : null
  if (!date || Number.isNaN(date.getTime())) {
    return ''
  }
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(
    date.getHours(),
  )}:${pad(date.getMinutes())}`
}

/** An `<input type="datetime-local">` value (reader's zone) as ISO 8601; null if empty. */
export function fromLocalDateTime(value: string): string | null {
  const date = new Date(value)
  return value && !Number.isNaN(date.getTime()) ? date.toISOString() : null
}

/**
 * Who may be picked for a `user` field or as an assignee: active users who can work tasks
 * (operator and above), by name; `keep` (the current value) stays listed whoever it is.
 */
export function workingUsers(users: readonly User[], keep?: unknown): User[] {
  return users
    .filter((user) => (user.active && hasRole(user.role, 'operator')) || user.uid === keep)
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** Props of {@link FieldEditor}. */
export interface FieldEditorProps {
  definition: FieldDefinition
  value: unknown
  onChange: (value: unknown) => void
  /** The control's id, for a `<label htmlFor>` (the group's id for a multi select). */
  id?: string
  /** The id of the visible label: names a multi select's group of checkboxes. */
  labelledBy?: string
  /** Ids of help text and error messages, for `aria-describedby`. */
  describedBy?: string
  invalid?: boolean
  required?: boolean
  disabled?: boolean
  autoFocus?: boolean
  /** On the control (bubbled up from a multi select's checkboxes): Enter and Escape. */
  onKeyDown?: KeyboardEventHandler<HTMLElement>
}

function emptyToNull(text: string): string | null {
  return text === '' ? null : text
}

function UserSelect(props: FieldEditorProps & { common: Record<string, unknown> }) {
  const users = useUsers()
  const candidates = workingUsers(users.data ?? [], props.value)
  const current = typeof props.value === 'string' ? props.value : ''
  const known = current === '' || candidates.some((user) => user.uid === current)
  return (
    <select
      {...props.common}
      value={current}
      onChange={(event) => props.onChange(emptyToNull(event.target.value))}
    >
      <option value="">{users.isPending ? 'Loading users…' : '—'}</option>
      {known ? null : <option value={current}>{current}</option>}
      {candidates.map((user) => (
        <option key={user.uid} value={user.uid}>
          {user.name}
          {user.active ? '' : ' (deactivated)'}
        </option>
      ))}
    </select>
  )
}

function MultiSelect(props: FieldEditorProps) {
  const { definition, value, onChange } = props
  const chosen = Array.isArray(value) ? value : []
  const toggle = (option: string, on: boolean) => {
    const options = definition.options ?? []
    // In the options' order, whatever order they were ticked in; unknown values are kept.
    const next = [
      ...options.map((o) => o.value).filter((v) => (v === option ? on : chosen.includes(v))),
      ...chosen.filter((v) => !options.some((o) => o.value === v)),
    ]
    onChange(next.length === 0 ? null : next)
  }
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset's legend would duplicate the field's own label
    <div
      role="group"
      id={props.id}
      className="field-multi"
      aria-labelledby={props.labelledBy}
      aria-describedby={props.describedBy}
      aria-invalid={props.invalid || undefined}
      onKeyDown={props.onKeyDown}
    >
      {(definition.options ?? []).map((option, index) => (
        <label key={option.value} className="field-multi-option">
          <input
            type="checkbox"
            checked={chosen.includes(option.value)}
            disabled={props.disabled}
            // biome-ignore lint/a11y/noAutofocus: focus moves to the editor the person just opened
            autoFocus={props.autoFocus && index === 0}
            onChange={(event) => toggle(option.value, event.target.checked)}
          />
          {option.label}
        </label>
      ))}
    </div>
  )
}

/** The control for one field, by its definition's type (see the module comment). */
export function FieldEditor(props: FieldEditorProps) {
  const { definition, value, onChange } = props
  const common = {
    id: props.id,
    'aria-describedby': props.describedBy,
    'aria-invalid': props.invalid || undefined,
    required: props.required,
    disabled: props.disabled,
    autoFocus: props.autoFocus,
    onKeyDown: props.onKeyDown,
  }
  const text = typeof value === 'string' ? value : ''
  switch (definition.type) {
    case 'long_text':
      return (
        <textarea
          {...common}
          rows={4}
          value={text}
          onChange={(event) => onChange(emptyToNull(event.target.value))}
        />
      )
    case 'number':
    case 'money': {
      const input = (
        <input
          {...common}
          type="number"
          step="any"
          inputMode="decimal"
          value={typeof value === 'number' ? String(value) : ''}
          onChange={(event) =>
            onChange(event.target.value === '' ? null : Number(event.target.value))
          }
        />
      )
      return definition.type === 'money' && definition.currency ? (
        <span className="field-money-input">
          {input}
          <span className="field-currency">{definition.currency}</span>
        </span>
      ) : (
        input
      )
    }
    case 'date':
      return (
        <input
          {...common}
          type="date"
          value={fieldProblem(definition, value) ? '' : text}
          onChange={(event) => onChange(emptyToNull(event.target.value))}
        />
      )
    case 'datetime':
      return (
        <input
          {...common}
          type="datetime-local"
          value={toLocalDateTime(value)}
          onChange={(event) => onChange(fromLocalDateTime(event.target.value))}
        />
      )
    case 'boolean':
      return (
        <input
          {...common}
          type="checkbox"
          className="field-checkbox"
          checked={value === true}
          onChange={(event) => onChange(event.target.checked)}
        />
      )
    case 'single_select': {
      const options = definition.options ?? []
      const unknown = text !== '' && !options.some((option) => option.value === text)
      return (
        <select
          {...common}
          value={text}
          onChange={(event) => onChange(emptyToNull(event.target.value))}
        >
          <option value="">—</option>
          {unknown ? <option value={text}>{text} (not an option)</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )
    }
    case 'multi_select':
      return <MultiSelect {...props} />
    case 'user':
      return <UserSelect {...props} common={common} />
    default:
      return (
        <input
          {...common}
          type={definition.type === 'url' ? 'url' : definition.type === 'email' ? 'email' : 'text'}
          value={text}
          onChange={(event) => onChange(emptyToNull(event.target.value))}
        />
      )
  }
}

/** Props of {@link FieldInput}. */
export interface FieldInputProps {
  definition: FieldDefinition
  value: unknown
  onChange: (value: unknown) => void
  /** Marks the label and sets `required` (a form's item). */
  required?: boolean
  /** Instead of the definition's own help text (a form item's). */
  helpText?: string
  /** Shown under the control, which is then marked invalid (a 422's message, "Required"). */
  error?: string
  disabled?: boolean
  autoFocus?: boolean
  onKeyDown?: KeyboardEventHandler<HTMLElement>
}

/**
 * One field of a form, labelled: the label (with "required"), the {@link FieldEditor}, its
 * help text, a note when the stored value does not match the definition, and `error`.
 */
export function FieldInput(props: FieldInputProps) {
  const { definition, value, error } = props
  const id = useId()
  const help = props.helpText || definition.help_text
  const problem = fieldProblem(definition, value)
  const described = [
    help ? `${id}-help` : '',
    problem ? `${id}-problem` : '',
    error ? `${id}-error` : '',
  ]
    .filter(Boolean)
    .join(' ')
  const label: ReactNode = (
    <>
      {definition.label}
      {props.required ? <span className="field-required"> (required)</span> : null}
    </>
  )
  const editor = (
    <FieldEditor
      definition={definition}
      value={value}
      onChange={props.onChange}
      id={`${id}-control`}
      labelledBy={`${id}-label`}
      describedBy={described || undefined}
      invalid={Boolean(error)}
      required={props.required}
      disabled={props.disabled}
      autoFocus={props.autoFocus}
      onKeyDown={props.onKeyDown}
    />
  )
  return (
    <div
      className={definition.type === 'boolean' ? 'field-input field-input-check' : 'field-input'}
    >
      {definition.type === 'multi_select' ? (
        <span id={`${id}-label`} className="field-input-label">
          {label}
        </span>
      ) : (
        <label id={`${id}-label`} htmlFor={`${id}-control`} className="field-input-label">
          {label}
        </label>
      )}
      {editor}
      {help ? (
        <p id={`${id}-help`} className="field-help">
          {help}
        </p>
      ) : null}
      {problem ? (
        <p id={`${id}-problem`} className="field-problem">
          Stored as <code>{rawText(value)}</code>, which does not match its definition: {problem}.
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  )
}
