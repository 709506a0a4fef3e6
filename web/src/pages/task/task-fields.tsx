import { useId } from 'react'
import type { FieldDefinition, Task } from '../../api'
import {
  editsAsText,
  FieldEditor,
  type FieldEntry,
  FieldValue,
  fieldText,
  orderFields,
  parseRawDraft,
  rawDraft,
} from '../../fields'
import { EmptyState } from '../../ui/empty-state'
import { InlineEditForm, useInlineEdit } from './inline-edit'

/** Props of {@link TaskFields}. */
export interface TaskFieldsProps {
  task: Task
  definitions: readonly FieldDefinition[]
  canEdit: boolean
}

interface RowProps {
  entry: FieldEntry
  taskUid: string
  canEdit: boolean
}

function EditButton({
  label,
  onClick,
  buttonRef,
}: {
  label: string
  onClick: () => void
  buttonRef: React.Ref<HTMLButtonElement>
}) {
  return (
    <button ref={buttonRef} type="button" className="button-link edit-link" onClick={onClick}>
      Edit<span className="visually-hidden"> {label}</span>
    </button>
  )
}

/** A defined field: shown and edited by its type. */
function DefinedRow({
  entry,
  taskUid,
  canEdit,
}: RowProps & { entry: { definition: FieldDefinition } }) {
  const id = useId()
  const { definition } = entry
  const edit = useInlineEdit<unknown>({
    current: entry.value,
    draftOf: (current) => current,
    bodyOf: (draft) => ({ body: { fields: { [entry.key]: draft ?? null } } }),
    path: `/body/fields/${entry.key}`,
    taskUid,
  })
  return (
    <div className={edit.editing ? 'field-pair field-editing' : 'field-pair'}>
      <dt id={`${id}-label`} title={`Key: ${entry.key}`}>
        {edit.editing && definition.type !== 'multi_select' ? (
          <label htmlFor={`${id}-control`}>{entry.label}</label>
        ) : (
          entry.label
        )}
      </dt>
      <dd>
        {edit.editing ? (
          <InlineEditForm
            edit={edit}
            name={entry.label}
            currentText={fieldText(definition, entry.value)}
            errorId={`${id}-error`}
            multiline={definition.type === 'long_text'}
          >
            <FieldEditor
              definition={definition}
              value={edit.draft}
              onChange={edit.setDraft}
              id={`${id}-control`}
              labelledBy={`${id}-label`}
              describedBy={
                [
                  definition.help_text ? `${id}-help` : '',
                  edit.error || edit.conflict ? `${id}-error` : '',
                ]
                  .filter(Boolean)
                  .join(' ') || undefined
              }
              invalid={Boolean(edit.error)}
              autoFocus
              onKeyDown={edit.onKeyDown}
            />
            {definition.help_text ? (
              <p id={`${id}-help`} className="field-help">
                {definition.help_text}
              </p>
            ) : null}
          </InlineEditForm>
        ) : (
          <div className="field-shown">
            <FieldValue definition={definition} value={entry.value} />
            {canEdit ? (
              <EditButton label={entry.label} onClick={edit.start} buttonRef={edit.editButton} />
            ) : null}
          </div>
        )}
      </dd>
    </div>
  )
}

/** A key no definition describes: any JSON, edited as text (strings) or as JSON. */
function RawRow({ entry, taskUid, canEdit }: RowProps) {
  const id = useId()
  const asText = editsAsText(entry.value)
  const edit = useInlineEdit<string>({
    current: entry.value,
    draftOf: rawDraft,
    bodyOf: (draft) => {
      const parsed = parseRawDraft(draft, entry.value)
      return parsed.ok
        ? { body: { fields: { [entry.key]: parsed.value } } }
        : { problem: parsed.problem }
    },
    path: `/body/fields/${entry.key}`,
    taskUid,
  })
  const control = {
    id: `${id}-control`,
    value: edit.draft,
    // The person just asked to edit this field.
    autoFocus: true,
    'aria-invalid': edit.error ? true : undefined,
    'aria-describedby': edit.error || edit.conflict ? `${id}-error` : undefined,
    onKeyDown: edit.onKeyDown,
  }
  return (
    <div className={edit.editing ? 'field-pair field-editing' : 'field-pair'}>
      <dt>{edit.editing ? <label htmlFor={`${id}-control`}>{entry.label}</label> : entry.label}</dt>
      <dd>
        {edit.editing ? (
          <InlineEditForm
            edit={edit}
            name={entry.label}
            currentText={rawDraft(entry.value)}
            errorId={`${id}-error`}
            multiline={!asText}
          >
            {asText ? (
              <input
                type="text"
                {...control}
                onChange={(event) => edit.setDraft(event.target.value)}
              />
            ) : (
              <>
                <textarea
                  {...control}
                  rows={Math.min(10, edit.draft.split('\n').length + 1)}
                  className="json-input"
                  spellCheck={false}
                  onChange={(event) => edit.setDraft(event.target.value)}
                />
                <p className="field-help">JSON: this key has no field definition.</p>
              </>
            )}
          </InlineEditForm>
        ) : (
          <div className="field-shown">
            <FieldValue definition={null} value={entry.value} />
            {canEdit ? (
              <EditButton label={entry.label} onClick={edit.start} buttonRef={edit.editButton} />
            ) : null}
          </div>
        )}
      </dd>
    </div>
  )
}

/**
 * The task's custom fields (title and url are in the page header): defined ones in their
 * order under their labels, even empty, then the other keys alphabetically; each editable
 * in place by operators and above.
 */
export function TaskFields({ task, definitions, canEdit }: TaskFieldsProps) {
  const entries = orderFields(task.fields, definitions, { includeEmpty: true })
  return (
    <section className="panel" aria-labelledby="fields-title">
      <h2 id="fields-title">Fields</h2>
      {entries.length === 0 ? (
        <EmptyState title="No custom fields" />
      ) : (
        <dl className="fields task-fields">
          {entries.map((entry) =>
            entry.definition ? (
              <DefinedRow
                key={entry.key}
                entry={{ ...entry, definition: entry.definition }}
                taskUid={task.uid}
                canEdit={canEdit}
              />
            ) : (
              <RawRow key={entry.key} entry={entry} taskUid={task.uid} canEdit={canEdit} />
            ),
          )}
        </dl>
      )}
    </section>
  )
}
