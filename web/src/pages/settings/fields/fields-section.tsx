import { Link, Route, Routes, useNavigate, useParams } from 'react-router-dom'
import { useFieldDefinitions } from '../../../api'
import { sortDefinitions } from '../../../fields'
import { EmptyState } from '../../../ui/empty-state'
import { ErrorNotice } from '../../../ui/error-notice'
import { Loading } from '../../../ui/loading'
import { QueryStatus } from '../../../ui/query-status'
import { FIELDS_PATH } from '../settings-paths'
import { DefinitionEditor } from './definition-editor'
import { FieldList } from './field-list'
import { useDeleteField, useMoveFields } from './fields-api'

/** Settings › Fields: the definitions (`/settings/fields`) and their editor (`new`, `:uid`). */
export function FieldsSection() {
  return (
    <Routes>
      <Route index element={<FieldsOverview />} />
      <Route path="new" element={<NewField />} />
      <Route path=":uid" element={<EditField />} />
    </Routes>
  )
}

function FieldsOverview() {
  const fields = useFieldDefinitions()
  const move = useMoveFields()
  const remove = useDeleteField()
  const sorted = fields.data ? sortDefinitions(fields.data) : undefined
  return (
    <section className="st-section" aria-labelledby="fields-title">
      <div className="st-section-header">
        <h2 id="fields-title">Fields</h2>
        <Link className="button-primary" to={`${FIELDS_PATH}/new`}>
          New field
        </Link>
      </div>
      <p className="st-lead">
        Tasks keep any fields an API client sends. A definition says how the app names, shows and
        edits one of them, in this order; values that do not match are flagged, not refused (unless
        the organization validates fields strictly).
      </p>
      <QueryStatus query={fields} loading="Loading fields" failed="Could not load the fields" />
      {move.error ? <ErrorNotice error={move.error} action="Could not reorder the fields" /> : null}
      {remove.error ? (
        <ErrorNotice error={remove.error} action="Could not delete the field" />
      ) : null}
      {sorted?.length === 0 ? (
        <EmptyState title="No field defined yet">
          Fields show under their raw keys until one is defined.
        </EmptyState>
      ) : null}
      {sorted && sorted.length > 0 ? (
        <FieldList
          fields={sorted}
          busy={move.isPending || remove.isPending}
          onMove={(changes) => move.mutate(changes)}
          onDelete={(field) => remove.mutate(field.uid)}
        />
      ) : null}
    </section>
  )
}

function NewField() {
  const navigate = useNavigate()
  return (
    <section className="st-section" aria-labelledby="field-editor-title">
      <h2 id="field-editor-title">New field</h2>
      <DefinitionEditor onDone={() => navigate(FIELDS_PATH)} />
    </section>
  )
}

function EditField() {
  const { uid } = useParams()
  const navigate = useNavigate()
  const fields = useFieldDefinitions()
  const field = fields.data?.find((candidate) => candidate.uid === uid)
  return (
    <section className="st-section" aria-labelledby="field-editor-title">
      <h2 id="field-editor-title">{field ? `Field ${field.label}` : 'Field'}</h2>
      {fields.isPending ? <Loading label="Loading the field" /> : null}
      {fields.error ? <ErrorNotice error={fields.error} action="Could not load the field" /> : null}
      {fields.data && !field ? (
        <EmptyState title="No such field">
          <Link to={FIELDS_PATH}>Back to the fields</Link>
        </EmptyState>
      ) : null}
      {/* Keyed by uid: another field starts a fresh draft. */}
      {field ? (
        <DefinitionEditor key={field.uid} field={field} onDone={() => navigate(FIELDS_PATH)} />
      ) : null}
    </section>
  )
}
