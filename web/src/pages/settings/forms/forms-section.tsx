import { Link, Route, Routes, useNavigate, useParams } from 'react-router-dom'
import { type Form, useFieldDefinitions, useForms, useQueues } from '../../../api'
import { EmptyState } from '../../../ui/empty-state'
import { ErrorNotice } from '../../../ui/error-notice'
import { Loading } from '../../../ui/loading'
import { QueryStatus } from '../../../ui/query-status'
import { TableHead } from '../../../ui/table-head'
import { FORMS_PATH } from '../settings-paths'
import { ConfirmButton } from '../shared/confirm-button'
import { FormEditor } from './form-editor'
import { useDeleteForm } from './forms-api'

/** Settings › Forms: the list (`/settings/forms`) and the editor (`new`, `:uid`). */
export function FormsSection() {
  return (
    <Routes>
      <Route index element={<FormsOverview />} />
      <Route path="new" element={<NewForm />} />
      <Route path=":uid" element={<EditForm />} />
    </Routes>
  )
}

function fieldCount(form: Form): number {
  return form.sections.reduce((sum, section) => sum + section.items.length, 0)
}

function FormsOverview() {
  const forms = useForms()
  const queues = useQueues()
  const definitions = useFieldDefinitions()
  const remove = useDeleteForm()
  const queueNames = new Map((queues.data ?? []).map((queue) => [queue.uid, queue.name]))
  const labels = new Map((definitions.data ?? []).map((d) => [d.key, d.label]))
  return (
    <section className="st-section" aria-labelledby="forms-title">
      <div className="st-section-header">
        <h2 id="forms-title">Forms</h2>
        <Link className="button-primary" to={`${FORMS_PATH}/new`}>
          New form
        </Link>
      </div>
      <p className="st-lead">
        A form asks for fields in sections. With a task type, “New task” offers it; set as a queue’s
        form (Settings › Queues), the player asks for it before Complete.
      </p>
      <QueryStatus query={forms} loading="Loading forms" failed="Could not load the forms" />
      {remove.error ? (
        <ErrorNotice error={remove.error} action="Could not delete the form" />
      ) : null}
      {forms.data?.length === 0 ? (
        <EmptyState title="No form yet">
          Define some fields first, then gather them here.
        </EmptyState>
      ) : null}
      {forms.data && forms.data.length > 0 ? (
        <div className="table-scroll">
          <table className="st-table">
            <TableHead
              caption="Forms"
              columns={['Form', 'Task type', 'Fields', 'Queues']}
              actions
            />
            <tbody>
              {forms.data.map((form) => (
                <tr key={form.uid}>
                  <th scope="row">
                    <Link to={`${FORMS_PATH}/${form.uid}`}>{form.name}</Link>
                    <span className="st-sub">
                      {form.sections
                        .flatMap((section) =>
                          section.items.map((item) => labels.get(item.key) ?? item.key),
                        )
                        .join(', ') || form.description}
                    </span>
                  </th>
                  <td>{form.task_type ? <code>{form.task_type}</code> : '—'}</td>
                  <td>{fieldCount(form)}</td>
                  <td>
                    {form.queue_uids.length > 0
                      ? form.queue_uids.map((uid) => queueNames.get(uid) ?? uid).join(', ')
                      : '—'}
                  </td>
                  <td>
                    <div className="st-row-actions">
                      <Link className="button-secondary" to={`${FORMS_PATH}/${form.uid}`}>
                        Edit<span className="visually-hidden"> {form.name}</span>
                      </Link>
                      <ConfirmButton
                        question={`Delete the form "${form.name}"?${form.queue_uids.length > 0 ? ' Its queues are left without a form.' : ''} Tasks keep their values.`}
                        disabled={remove.isPending}
                        onConfirm={() => remove.mutate(form.uid)}
                      >
                        Delete<span className="visually-hidden"> {form.name}</span>
                      </ConfirmButton>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  )
}

function NewForm() {
  const navigate = useNavigate()
  return (
    <section className="st-section" aria-labelledby="form-editor-title">
      <h2 id="form-editor-title">New form</h2>
      <FormEditor onDone={() => navigate(FORMS_PATH)} />
    </section>
  )
}

function EditForm() {
  const { uid } = useParams()
  const navigate = useNavigate()
  const forms = useForms()
  const form = forms.data?.find((candidate) => candidate.uid === uid)
  return (
    <section className="st-section" aria-labelledby="form-editor-title">
      <h2 id="form-editor-title">{form ? `Form ${form.name}` : 'Form'}</h2>
      {forms.isPending ? <Loading label="Loading the form" /> : null}
      {forms.error ? <ErrorNotice error={forms.error} action="Could not load the form" /> : null}
      {forms.data && !form ? (
        <EmptyState title="No such form">
          <Link to={FORMS_PATH}>Back to the forms</Link>
        </EmptyState>
      ) : null}
      {/* Keyed by uid: another form starts a fresh draft. */}
      {form ? <FormEditor key={form.uid} form={form} onDone={() => navigate(FORMS_PATH)} /> : null}
    </section>
  )
}
