import type { FieldDefinition } from '../../api'
import { FieldInput } from '../../fields'
import { ErrorNotice } from '../../ui/error-notice'
import type { CompletionItem } from './completion'
import { onTextBoxKeyDown } from './player-comments'
import type { Completion } from './use-completion'

const NOW = '1970-01-01T00:00:00.000Z'

/** A key the form names but no definition describes: edited as text under its key. */
function standIn(item: CompletionItem): FieldDefinition {
  return {
    uid: '00000000-0000-4000-8000-000000000000',
    key: item.key,
    label: item.label,
    type: 'text',
    options: null,
    currency: null,
    help_text: '',
    required_for_completion: false,
    shown_in_backlog: false,
    position: 0,
    created_at: NOW,
    updated_at: NOW,
  }
}

/**
 * The fields to fill before Complete: the queue's form by section, then the fields every
 * queue requires. Not a `<form>`: Enter in a field must not complete the task by accident;
 * Complete is the player's button (or c, once out of the fields: Esc leaves one).
 */
export function CompletionForm({ completion }: { completion: Completion }) {
  const { form, sections, values, errors, loadError } = completion
  if (sections.length === 0 && !loadError) {
    return null
  }
  return (
    <section
      className="panel completion-form"
      aria-labelledby="completion-title"
      onKeyDown={onTextBoxKeyDown}
    >
      <p className="eyebrow">Before you complete</p>
      <h2 id="completion-title">{form?.name ?? 'Fields to fill'}</h2>
      {form?.description ? <p className="muted">{form.description}</p> : null}
      {loadError ? (
        <ErrorNotice
          error={loadError}
          action="Could not load the form: Complete checks the fields anyway"
        />
      ) : null}
      {sections.map((section) => (
        <fieldset key={section.items[0]?.key} className="completion-section">
          {section.title ? <legend>{section.title}</legend> : null}
          {section.helpText ? <p className="muted small">{section.helpText}</p> : null}
          <div className="completion-items">
            {section.items.map((item) => (
              <FieldInput
                key={item.key}
                definition={item.definition ?? standIn(item)}
                value={values[item.key]}
                onChange={(value) => completion.setValue(item.key, value)}
                required={item.required}
                helpText={item.helpText}
                error={errors.get(item.key)}
              />
            ))}
          </div>
        </fieldset>
      ))}
    </section>
  )
}
