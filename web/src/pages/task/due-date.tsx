import { useId } from 'react'
import type { Task } from '../../api'
import { fromLocalDateTime, toLocalDateTime } from '../../fields'
import { formatDateTime } from '../../ui/format'
import { InlineEditForm, useInlineEdit } from './inline-edit'

/** The task's due date, for the summary's `<dl>`; Edit opens a date-time input in place. */
export function DueDate({ task, canEdit }: { task: Task; canEdit: boolean }) {
  const id = useId()
  const edit = useInlineEdit<string>({
    current: task.due_at,
    draftOf: toLocalDateTime,
    bodyOf: (draft) => {
      const dueAt = fromLocalDateTime(draft)
      return dueAt ? { body: { due_at: dueAt } } : { problem: 'Enter a date and a time.' }
    },
    path: '/body/due_at',
    taskUid: task.uid,
  })
  return (
    <>
      <dt>{edit.editing ? <label htmlFor={`${id}-input`}>Due</label> : 'Due'}</dt>
      <dd>
        {edit.editing ? (
          <InlineEditForm
            edit={edit}
            name="the due date"
            currentText={formatDateTime(task.due_at)}
            errorId={`${id}-error`}
          >
            <input
              id={`${id}-input`}
              type="datetime-local"
              value={edit.draft}
              required
              // biome-ignore lint/a11y/noAutofocus: the person just asked to edit the due date
              autoFocus
              aria-invalid={edit.error ? true : undefined}
              aria-describedby={edit.error || edit.conflict ? `${id}-error` : undefined}
              onChange={(event) => edit.setDraft(event.target.value)}
              onKeyDown={edit.onKeyDown}
            />
          </InlineEditForm>
        ) : (
          <span className="field-shown">
            {formatDateTime(task.due_at)}
            {canEdit ? (
              <button
                ref={edit.editButton}
                type="button"
                className="button-link edit-link"
                onClick={edit.start}
              >
                Edit<span className="visually-hidden"> the due date</span>
              </button>
            ) : null}
          </span>
        )}
      </dd>
    </>
  )
}
