/**
 * Shows one custom field's value by its definition's type:
 *
 *   <FieldValue definition={definition} value={task.fields[key]} />   // task page, player
 *   <FieldValue definition={definition} value={value} compact />      // table cells: one line
 *
 * Money with its currency, dates and date-times in the reader's locale, booleans as Yes/No,
 * select values by their labels (multi-select as chips), users by name, urls as links only
 * when they are http(s), long text with its line breaks. A value that does not match its
 * definition is shown as stored, with a {@link FieldMismatch} flag; a key without a
 * definition (`definition` null) is shown raw (objects as JSON).
 */
import type { ReactNode } from 'react'
import { type FieldDefinition, useUsers } from '../api'
import { safeUrl } from '../ui/safe-url'
import { fieldProblem, fieldText, rawText } from './field-text'
import './fields.css'

/**
 * The flag beside a value that does not match its definition: a warning sign whose
 * title and accessible name say what is wrong (`problem`, e.g. "must be a number").
 */
export function FieldMismatch({ problem }: { problem: string }) {
  const text = `Does not match its definition: ${problem}`
  return (
    <span className="field-mismatch" role="img" aria-label={text} title={text}>
      ⚠
    </span>
  )
}

/** Props of {@link FieldValue}. */
export interface FieldValueProps {
  /** The key's definition; null for a key no definition describes. */
  definition: FieldDefinition | null
  value: unknown
  /** One line, for table cells and lists: long text is cut, objects are inline JSON. */
  compact?: boolean
}

function UserName({ uid }: { uid: string }) {
  const users = useUsers()
  const user = users.data?.find((candidate) => candidate.uid === uid)
  return <span title={user?.email}>{user ? user.name : uid}</span>
}

function RawValue({ value, compact }: { value: unknown; compact: boolean }) {
  if (typeof value === 'object' && value !== null && !compact) {
    return <pre className="field-json">{JSON.stringify(value, null, 2)}</pre>
  }
  const text = rawText(value)
  return compact ? (
    <span className="field-compact" title={text}>
      {text}
    </span>
  ) : (
    <span className="field-text">{text}</span>
  )
}

function TypedValue({ definition, value, compact }: Required<FieldValueProps>): ReactNode {
  if (!definition) {
    return <RawValue value={value} compact={compact} />
  }
  const text = fieldText(definition, value)
  switch (definition.type) {
    case 'url': {
      const href = safeUrl(value)
      return href ? (
        <a href={href} target="_blank" rel="noopener noreferrer" className="field-link">
          {text}
          <span className="visually-hidden"> (opens in a new tab)</span>
        </a>
      ) : (
        <RawValue value={value} compact={compact} />
      )
    }
    case 'email':
      return (
        <a href={`mailto:${text}`} className="field-link">
          {text}
        </a>
      )
    case 'user':
      return <UserName uid={value as string} />
    case 'multi_select':
      return (
        <ul className="field-chips" aria-label={definition.label}>
          {(value as string[]).map((item) => (
            <li key={item} className="field-chip">
              {fieldText(definition, [item])}
            </li>
          ))}
        </ul>
      )
    case 'long_text':
      return compact ? (
        <span className="field-compact" title={text}>
          {text}
        </span>
      ) : (
        <p className="field-long-text">{text}</p>
      )
    case 'number':
    case 'money':
      return <span className="field-number">{text}</span>
    default:
      return <span className="field-text">{text}</span>
  }
}

/** A custom field's value, formatted by its definition's type (see the module comment). */
export function FieldValue({ definition, value, compact = false }: FieldValueProps) {
  if (value === undefined || value === null || value === '') {
    return (
      <span className="muted" title="Empty">
        —
      </span>
    )
  }
  const problem = fieldProblem(definition, value)
  if (problem) {
    return (
      <span className="field-mismatched">
        <RawValue value={value} compact={compact} />
        <FieldMismatch problem={problem} />
      </span>
    )
  }
  return <TypedValue definition={definition} value={value} compact={compact} />
}
