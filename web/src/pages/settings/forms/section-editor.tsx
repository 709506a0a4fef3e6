import { useId } from 'react'
import type { FieldDefinition, FieldError } from '../../../api'
import { messageAt } from '../shared/field-errors'
import { errorProps, FormError } from '../shared/form-error'
import { type ItemDraft, moved, type SectionDraft } from './form-draft'

/** Props of {@link SectionEditor}. */
export interface SectionEditorProps {
  section: SectionDraft
  index: number
  count: number
  definitions: readonly FieldDefinition[]
  /** Keys asked for anywhere in the form: offered only where they already are. */
  used: ReadonlySet<string>
  errors: readonly FieldError[]
  onChange: (section: SectionDraft) => void
  onMove: (offset: -1 | 1) => void
  onRemove: () => void
}

/** One section of a form: its title and help text, and its fields in order. */
export function SectionEditor(props: SectionEditorProps) {
  const { section, index, definitions, used, errors } = props
  const id = useId()
  const base = `/body/sections/${index}`
  const name = `section ${index + 1}`
  const setItem = (i: number, patch: Partial<ItemDraft>) =>
    props.onChange({
      ...section,
      items: section.items.map((item, j) => (j === i ? { ...item, ...patch } : item)),
    })
  const free = definitions.find((definition) => !used.has(definition.key))
  const titleError = messageAt(errors, `${base}/title`)
  return (
    <fieldset className="st-fieldset st-form-section">
      <legend>
        Section {index + 1}
        {section.title ? `: ${section.title}` : ''}
      </legend>
      <div className="st-grid-form">
        <div className="st-field">
          <label htmlFor={`${id}-title`}>Section title</label>
          <input
            id={`${id}-title`}
            type="text"
            value={section.title}
            maxLength={200}
            placeholder="May be empty"
            onChange={(event) => props.onChange({ ...section, title: event.target.value })}
            {...errorProps(`${id}-title-error`, titleError)}
          />
          <FormError id={`${id}-title-error`} message={titleError} />
        </div>
        <div className="st-field">
          <label htmlFor={`${id}-help`}>Section help text</label>
          <input
            id={`${id}-help`}
            type="text"
            value={section.helpText}
            maxLength={2000}
            onChange={(event) => props.onChange({ ...section, helpText: event.target.value })}
          />
        </div>
      </div>
      {section.items.length === 0 ? (
        <p className="muted small">No field in this section yet.</p>
      ) : (
        <ol className="st-form-items">
          {section.items.map((item, i) => {
            const keyError = messageAt(errors, `${base}/items/${i}/key`)
            const itemName = `field ${i + 1} of ${name}`
            return (
              // Items are edited by position: a key may be blank or repeated while editing.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <li key={i} className="st-form-item">
                <div className="st-field">
                  <label htmlFor={`${id}-${i}-key`}>Field {i + 1}</label>
                  <select
                    id={`${id}-${i}-key`}
                    value={item.key}
                    onChange={(event) => setItem(i, { key: event.target.value })}
                    {...errorProps(`${id}-${i}-key-error`, keyError)}
                  >
                    {item.key === '' ? <option value="">Pick a field…</option> : null}
                    {item.key !== '' && !definitions.some((d) => d.key === item.key) ? (
                      <option value={item.key}>{item.key} (no longer defined)</option>
                    ) : null}
                    {definitions.map((definition) => (
                      <option
                        key={definition.key}
                        value={definition.key}
                        disabled={definition.key !== item.key && used.has(definition.key)}
                      >
                        {definition.label} ({definition.key})
                      </option>
                    ))}
                  </select>
                  <FormError id={`${id}-${i}-key-error`} message={keyError} />
                </div>
                <div className="st-field">
                  <label htmlFor={`${id}-${i}-help`}>Help text here</label>
                  <input
                    id={`${id}-${i}-help`}
                    type="text"
                    value={item.helpText}
                    maxLength={2000}
                    placeholder="The field’s own"
                    onChange={(event) => setItem(i, { helpText: event.target.value })}
                  />
                </div>
                <label className="st-check">
                  <input
                    type="checkbox"
                    checked={item.required}
                    onChange={(event) => setItem(i, { required: event.target.checked })}
                  />
                  Required<span className="visually-hidden"> ({itemName})</span>
                </label>
                <div className="st-row-actions">
                  <button
                    type="button"
                    className="button-secondary"
                    disabled={i === 0}
                    onClick={() =>
                      props.onChange({ ...section, items: moved(section.items, i, -1) })
                    }
                  >
                    Up<span className="visually-hidden"> {itemName}</span>
                  </button>
                  <button
                    type="button"
                    className="button-secondary"
                    disabled={i === section.items.length - 1}
                    onClick={() =>
                      props.onChange({ ...section, items: moved(section.items, i, 1) })
                    }
                  >
                    Down<span className="visually-hidden"> {itemName}</span>
                  </button>
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={() =>
                      props.onChange({ ...section, items: section.items.filter((_, j) => j !== i) })
                    }
                  >
                    Remove<span className="visually-hidden"> {itemName}</span>
                  </button>
                </div>
              </li>
            )
          })}
        </ol>
      )}
      <div className="st-row-actions">
        <button
          type="button"
          className="button-secondary"
          disabled={!free}
          title={free ? undefined : 'Every defined field is in the form already'}
          onClick={() =>
            free &&
            props.onChange({
              ...section,
              items: [...section.items, { key: free.key, required: false, helpText: '' }],
            })
          }
        >
          Add a field<span className="visually-hidden"> to {name}</span>
        </button>
        <button
          type="button"
          className="button-secondary"
          disabled={index === 0}
          onClick={() => props.onMove(-1)}
        >
          Move {name} up
        </button>
        <button
          type="button"
          className="button-secondary"
          disabled={index === props.count - 1}
          onClick={() => props.onMove(1)}
        >
          Move {name} down
        </button>
        <button
          type="button"
          className="button-secondary"
          disabled={props.count === 1}
          onClick={props.onRemove}
        >
          Remove {name}
        </button>
      </div>
    </fieldset>
  )
}
