import { Link } from 'react-router-dom'
import { ErrorNotice } from '../../../ui/error-notice'
import { formatCount } from '../../../ui/format'
import type { AutomationTestRun } from './automation-types'

/** How many tasks a test-run lists: enough to recognise them, short enough on a phone. */
const SHOWN = 10

export interface TestRunResultProps {
  result: AutomationTestRun | undefined
  error: Error | null
  pending: boolean
}

/** What a test-run found: how many open tasks the rule would touch now, and the first ones. */
export function TestRunResult({ result, error, pending }: TestRunResultProps) {
  if (error) {
    return <ErrorNotice error={error} action="Could not test-run the rule" />
  }
  if (!result) {
    return pending ? <p className="muted small">Test-running…</p> : null
  }
  const shown = result.items.slice(0, SHOWN)
  return (
    <section className="au-test-run" aria-label="Test-run" aria-busy={pending}>
      <p role="status" className="st-preview-count">
        {result.total === 0
          ? 'No open task matches now: the rule would touch none.'
          : `${formatCount(result.total)} open ${result.total === 1 ? 'task matches' : 'tasks match'} now: the rule would touch ${result.total === 1 ? 'it' : 'them'}.`}
      </p>
      {shown.length > 0 ? (
        <ul className="st-preview-list">
          {shown.map((task) => (
            <li key={task.uid}>
              <Link to={`/tasks/${task.uid}`}>{task.title ?? task.uid}</Link>
            </li>
          ))}
        </ul>
      ) : null}
      {result.total > shown.length ? (
        <p className="muted small">
          The first {shown.length} of {formatCount(result.total)}.
        </p>
      ) : null}
      <p className="muted small">A test-run changes nothing.</p>
    </section>
  )
}
