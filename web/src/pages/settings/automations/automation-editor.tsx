import { type FormEvent, useId, useState } from 'react'
import type { FieldError } from '../../../api'
import type { Condition } from '../../../components/condition-builder/condition'
import { ConditionBuilder } from '../../../components/condition-builder/condition-builder'
import { useFieldSuggestions } from '../queues/field-suggestions'
import { EditorFooter } from '../shared/editor-footer'
import { fieldErrorsOf, messageAt } from '../shared/field-errors'
import { NameField } from '../shared/name-field'
import type { ActionDraft } from './action-draft'
import { ActionsEditor } from './actions-editor'
import {
  type AutomationDraft,
  bodyFromDraft,
  conditionOfDraft,
  type DraftProblems,
  draftFromAutomation,
} from './automation-draft'
import type { Automation } from './automation-types'
import { useCreateAutomation, useTestRun, useUpdateAutomation } from './automations-api'
import { TestRunResult } from './test-run-result'
import { TriggerEditor } from './trigger-editor'

export interface AutomationEditorProps {
  /** The rule to edit; none to create one. */
  rule?: Automation
  onDone: () => void
}

/** Body paths the form shows next to an input; the API's other errors go in a notice. */
const PLACED = ['/body/name', '/body/trigger', '/body/condition', '/body/actions']

function isPlaced(error: FieldError): boolean {
  return PLACED.some((path) => error.path === path || error.path.startsWith(`${path}/`))
}

/** Creates or edits a rule: its name, when, if, then, and a test-run of its condition. */
export function AutomationEditor({ rule, onDone }: AutomationEditorProps) {
  const id = useId()
  const [draft, setDraft] = useState<AutomationDraft>(() => draftFromAutomation(rule))
  const [conditionValid, setConditionValid] = useState(true)
  const [submitted, setSubmitted] = useState(false)
  const create = useCreateAutomation(onDone)
  const update = useUpdateAutomation(onDone)
  const save = rule ? update : create
  const testRun = useTestRun()
  const fieldSuggestions = useFieldSuggestions()
  const saveErrors = fieldErrorsOf(save.error)

  const change = (patch: Partial<AutomationDraft>) =>
    setDraft((current) => ({ ...current, ...patch }))
  const changeCondition = (condition: Condition, state: { valid: boolean }) => {
    setConditionValid(state.valid)
    // The save's errors named nodes of the condition as it was: they no longer apply.
    save.reset()
    testRun.reset()
    change({ condition })
  }
  const changeActions = (actions: ActionDraft[]) => {
    // Errors name actions by position: after a move or removal they would point elsewhere.
    save.reset()
    change({ actions })
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const result = bodyFromDraft(draft)
    setSubmitted(true)
    if (!result.ok || !conditionValid) {
      return
    }
    if (rule) {
      update.mutate({ uid: rule.uid, body: result.body })
    } else {
      create.mutate(result.body)
    }
  }

  // Once a save was tried, what is still wrong shows as it is fixed, not at the next try.
  const checked = submitted ? bodyFromDraft(draft) : null
  const problems: DraftProblems = checked && !checked.ok ? checked.problems : {}
  const errors: FieldError[] = [
    ...saveErrors,
    ...Object.entries(problems).map(([path, message]) => ({ path, message })),
  ]
  const conditionErrors = [...saveErrors, ...fieldErrorsOf(testRun.error)]
  const unplaced = saveErrors.some((error) => !isPlaced(error))
  const nameError = messageAt(errors, '/body/name')

  return (
    <form
      className="st-form au-editor"
      onSubmit={submit}
      aria-label={rule ? `Edit rule ${rule.name}` : 'New rule'}
      noValidate
    >
      <div className="st-grid-form">
        <NameField value={draft.name} error={nameError} onChange={(name) => change({ name })} />
        <label className="st-check au-enabled">
          <input
            type="checkbox"
            checked={draft.enabled}
            onChange={(event) => change({ enabled: event.target.checked })}
          />
          Enabled
        </label>
      </div>
      <TriggerEditor draft={draft} error={messageAt(errors, '/body/trigger')} onChange={change} />
      <section className="st-condition" aria-labelledby={`${id}-if`}>
        <h3 id={`${id}-if`}>If</h3>
        <p className="muted small">
          Only tasks matching this condition, as they are when the rule runs. No conditions: every
          task.
        </p>
        <ConditionBuilder
          value={draft.condition}
          onChange={changeCondition}
          errors={conditionErrors}
          fieldSuggestions={fieldSuggestions}
          label="Condition of the rule"
          hideLabel
        />
        <div className="st-form-actions">
          <button
            type="button"
            className="button-secondary"
            disabled={!conditionValid || testRun.isPending}
            onClick={() => testRun.mutate({ condition: conditionOfDraft(draft.condition) })}
          >
            Test-run
          </button>
          <span className="muted small">Which open tasks would it touch now?</span>
        </div>
        <TestRunResult
          result={testRun.data}
          // A refused condition is marked in the builder above.
          error={fieldErrorsOf(testRun.error).length > 0 ? null : testRun.error}
          pending={testRun.isPending}
        />
      </section>
      <ActionsEditor
        actions={draft.actions}
        errors={errors.filter((error) => error.path.startsWith('/body/actions'))}
        onChange={changeActions}
      />
      <EditorFooter
        noun="rule"
        isNew={!rule}
        pending={save.isPending}
        invalid={
          (saveErrors.length > 0 && !unplaced) ||
          (submitted && (Object.keys(problems).length > 0 || !conditionValid))
        }
        unplaced={save.error && (saveErrors.length === 0 || unplaced) ? save.error : null}
        onCancel={onDone}
      />
    </form>
  )
}
