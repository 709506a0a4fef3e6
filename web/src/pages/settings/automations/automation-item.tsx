import { Link } from 'react-router-dom'
import { formatCount, formatDateTime } from '../../../ui/format'
import { AUTOMATIONS_PATH } from '../settings-paths'
import { ConfirmButton } from '../shared/confirm-button'
import { ACTION_LABELS } from './action-draft'
import type { Automation, AutomationTestRun } from './automation-types'
import { TestRunResult } from './test-run-result'
import { conditionInWords, triggerInWords } from './trigger-words'

export interface AutomationItemProps {
  rule: Automation
  busy: boolean
  testRun: { result: AutomationTestRun | undefined; error: Error | null; pending: boolean } | null
  onToggle: (enabled: boolean) => void
  onTestRun: () => void
  onDelete: () => void
}

/** One rule of the list: what it does in words, how often it ran, and its buttons. */
export function AutomationItem({
  rule,
  busy,
  testRun,
  onToggle,
  onTestRun,
  onDelete,
}: AutomationItemProps) {
  const label = <span className="visually-hidden"> {rule.name}</span>
  return (
    <li
      className={rule.enabled ? 'panel au-rule' : 'panel au-rule st-inactive'}
      data-testid="automation"
    >
      <div className="au-rule-head">
        <h3>
          <Link to={`${AUTOMATIONS_PATH}/${rule.uid}`}>{rule.name}</Link>
        </h3>
        <label className="st-check">
          <input
            type="checkbox"
            checked={rule.enabled}
            disabled={busy}
            onChange={(event) => onToggle(event.target.checked)}
          />
          Enabled{label}
        </label>
      </div>
      <p data-testid="automation-trigger">
        {triggerInWords(rule.trigger)}
        {conditionInWords(rule.condition)}:{' '}
        {rule.actions.map((action) => ACTION_LABELS[action.type].toLowerCase()).join(', then ')}.
      </p>
      <p className="muted small" data-testid="automation-runs">
        Ran {formatCount(rule.runs)} {rule.runs === 1 ? 'time' : 'times'}
        {rule.last_run_at ? `, last ${formatDateTime(rule.last_run_at)}` : ''}.
        {rule.skipped_loops > 0 ? (
          <strong className="au-skipped">
            {' '}
            Held back {formatCount(rule.skipped_loops)} × as rules triggered rules too deep.
          </strong>
        ) : null}
        {rule.skipped_rate > 0 ? (
          <strong className="au-skipped">
            {' '}
            Held back {formatCount(rule.skipped_rate)} × by its rate bound.
          </strong>
        ) : null}
      </p>
      <div className="st-row-actions">
        <button
          type="button"
          className="button-secondary"
          disabled={testRun?.pending}
          onClick={onTestRun}
        >
          Test-run{label}
        </button>
        <Link className="button-secondary" to={`${AUTOMATIONS_PATH}/${rule.uid}`}>
          Edit{label}
        </Link>
        <ConfirmButton
          question={`Delete the rule "${rule.name}"? It stops at once; what it already did stays.`}
          disabled={busy}
          onConfirm={onDelete}
        >
          Delete{label}
        </ConfirmButton>
      </div>
      {testRun ? <TestRunResult {...testRun} /> : null}
    </li>
  )
}
