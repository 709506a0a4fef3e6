import { useId } from 'react'
import type { FieldError } from '../../../api'
import { messageAt } from '../shared/field-errors'
import { FormError } from '../shared/form-error'
import {
  ACTION_LABELS,
  ACTION_TYPES,
  type ActionDraft,
  moveItem,
  newActionDraft,
} from './action-draft'
import { ActionInputs } from './action-inputs'
import type { ActionType } from './automation-types'

/** The API's bound on a rule's actions. */
const MAX_ACTIONS = 20

export interface ActionsEditorProps {
  actions: ActionDraft[]
  /** Problems found before saving and the API's 422 errors, under `/body/actions`. */
  errors: readonly FieldError[]
  onChange: (actions: ActionDraft[]) => void
}

/** What a rule does, in order: each action with its own inputs, added, removed and moved. */
export function ActionsEditor({ actions, errors, onChange }: ActionsEditorProps) {
  const id = useId()
  const listError = errors
    .filter((error) => error.path === '/body/actions')
    .map((error) => error.message)
    .join('; ')
  const replace = (index: number, patch: Partial<ActionDraft>) =>
    onChange(actions.map((action, at) => (at === index ? { ...action, ...patch } : action)))
  return (
    <fieldset className="st-fieldset au-actions">
      <legend>Then</legend>
      <ol className="au-action-list">
        {actions.map((action, index) => {
          const label = `Action ${index + 1}`
          const error = messageAt(errors, `/body/actions/${index}`)
          const errorId = `${id}-${action.id}-error`
          return (
            <li key={action.id}>
              <fieldset
                className="au-action"
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
              >
                <legend>{label}</legend>
                <div className="au-action-head">
                  <div className="st-field">
                    <label htmlFor={`${id}-${action.id}-type`}>Do</label>
                    <select
                      id={`${id}-${action.id}-type`}
                      aria-label={`${label} type`}
                      value={action.type}
                      onChange={(event) =>
                        replace(index, { type: event.target.value as ActionType })
                      }
                    >
                      {ACTION_TYPES.map((type) => (
                        <option key={type} value={type}>
                          {ACTION_LABELS[type]}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="st-row-actions">
                    <button
                      type="button"
                      className="button-secondary"
                      disabled={index === 0}
                      onClick={() => onChange(moveItem(actions, index, -1))}
                    >
                      Up<span className="visually-hidden"> {label}</span>
                    </button>
                    <button
                      type="button"
                      className="button-secondary"
                      disabled={index === actions.length - 1}
                      onClick={() => onChange(moveItem(actions, index, 1))}
                    >
                      Down<span className="visually-hidden"> {label}</span>
                    </button>
                    <button
                      type="button"
                      className="button-secondary"
                      onClick={() => onChange(actions.filter((_, at) => at !== index))}
                    >
                      Remove<span className="visually-hidden"> {label}</span>
                    </button>
                  </div>
                </div>
                <ActionInputs
                  draft={action}
                  label={label}
                  onChange={(patch) => replace(index, patch)}
                />
                <FormError id={errorId} message={error} />
              </fieldset>
            </li>
          )
        })}
      </ol>
      <FormError id={`${id}-list-error`} message={listError || undefined} />
      <button
        type="button"
        className="button-secondary"
        disabled={actions.length >= MAX_ACTIONS}
        onClick={() => onChange([...actions, newActionDraft()])}
      >
        Add an action
      </button>
    </fieldset>
  )
}
