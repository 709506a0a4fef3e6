import { useState } from 'react'
import { Link, Route, Routes, useNavigate, useParams } from 'react-router-dom'
import { EmptyState } from '../../../ui/empty-state'
import { ErrorNotice } from '../../../ui/error-notice'
import { Loading } from '../../../ui/loading'
import { QueryStatus } from '../../../ui/query-status'
import { AUTOMATIONS_PATH } from '../settings-paths'
import { AutomationEditor } from './automation-editor'
import { AutomationItem } from './automation-item'
import {
  useAutomations,
  useDeleteAutomation,
  useTestRun,
  useToggleAutomation,
} from './automations-api'
import './automations.css'

/** Settings > Automations: the rules (`/settings/automations`) and their editor (`new`, `:uid`). */
export function AutomationsSection() {
  return (
    <Routes>
      <Route index element={<AutomationsOverview />} />
      <Route path="new" element={<NewAutomation />} />
      <Route path=":uid" element={<EditAutomation />} />
    </Routes>
  )
}

function AutomationsOverview() {
  const rules = useAutomations()
  const toggle = useToggleAutomation()
  const remove = useDeleteAutomation()
  const testRun = useTestRun()
  // The rule whose test-run is shown: one at a time, under its row.
  const [tested, setTested] = useState<string | null>(null)
  const failure = toggle.error ?? remove.error
  return (
    <section className="st-section" aria-labelledby="automations-title">
      <div className="st-section-header">
        <h2 id="automations-title">Automations</h2>
        <Link className="button-primary" to={`${AUTOMATIONS_PATH}/new`}>
          New rule
        </Link>
      </div>
      <p className="st-lead">
        When something happens to a task, or a time comes, if a condition holds, then act on the
        task: set fields, route, assign, comment, notify people or call a webhook.
      </p>
      {failure ? <ErrorNotice error={failure} action="Could not change the rule" /> : null}
      <QueryStatus query={rules} loading="Loading rules" failed="Could not load the rules" />
      {rules.data?.length === 0 ? (
        <EmptyState title="No rules yet">
          Add one to set fields, route, assign, comment or notify without anyone doing it.
        </EmptyState>
      ) : null}
      {rules.data && rules.data.length > 0 ? (
        <ul className="au-rules">
          {rules.data.map((rule) => (
            <AutomationItem
              key={rule.uid}
              // Show the switch flipped at once; the refetch after it confirms it.
              rule={
                toggle.isPending && toggle.variables?.uid === rule.uid
                  ? { ...rule, enabled: toggle.variables.enabled }
                  : rule
              }
              busy={
                (toggle.isPending && toggle.variables?.uid === rule.uid) ||
                (remove.isPending && remove.variables === rule.uid)
              }
              testRun={
                tested === rule.uid
                  ? { result: testRun.data, error: testRun.error, pending: testRun.isPending }
                  : null
              }
              onToggle={(enabled) => toggle.mutate({ uid: rule.uid, enabled })}
              onTestRun={() => {
                setTested(rule.uid)
                testRun.reset()
                testRun.mutate({ uid: rule.uid })
              }}
              onDelete={() => remove.mutate(rule.uid)}
            />
          ))}
        </ul>
      ) : null}
    </section>
  )
}

function NewAutomation() {
  const navigate = useNavigate()
  return (
    <section className="st-section" aria-labelledby="automation-editor-title">
      <h2 id="automation-editor-title">New rule</h2>
      <AutomationEditor onDone={() => navigate(AUTOMATIONS_PATH)} />
    </section>
  )
}

function EditAutomation() {
  const { uid } = useParams()
  const navigate = useNavigate()
  const rules = useAutomations()
  const rule = rules.data?.find((candidate) => candidate.uid === uid)
  return (
    <section className="st-section" aria-labelledby="automation-editor-title">
      <h2 id="automation-editor-title">{rule ? `Rule ${rule.name}` : 'Rule'}</h2>
      {rules.isPending ? <Loading label="Loading the rule" /> : null}
      {rules.error ? <ErrorNotice error={rules.error} action="Could not load the rule" /> : null}
      {rules.data && !rule ? (
        <EmptyState title="No such rule">
          <Link to={AUTOMATIONS_PATH}>Back to the rules</Link>
        </EmptyState>
      ) : null}
      {/* Keyed by uid: another rule starts a fresh draft. */}
      {rule ? (
        <AutomationEditor key={rule.uid} rule={rule} onDone={() => navigate(AUTOMATIONS_PATH)} />
      ) : null}
    </section>
  )
}
