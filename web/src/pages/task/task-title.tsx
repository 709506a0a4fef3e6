import { useId } from 'react'
import type { Task } from '../../api'
import { InlineEditForm, useInlineEdit } from './inline-edit'

const MAX_TITLE = 1000

/** The task's title as the page's heading; Edit turns it into an input (operators and above). */
export function TaskTitle({ task, canEdit }: { task: Task; canEdit: boolean }) {
  const id = useId()
  const edit = useInlineEdit<string>({
    current: task.fields.title,
    draftOf: (current) => (typeof current === 'string' ? current : ''),
    bodyOf: (draft) =>
      draft.trim() === ''
        ? { problem: 'A task needs a title.' }
        : { body: { fields: { title: draft.trim() } } },
    path: '/body/fields/title',
    taskUid: task.uid,
  })
  if (edit.editing) {
    return (
      <div className="title-edit">
        <h1 id="task-title" className="visually-hidden">
          {task.fields.title}
        </h1>
        <InlineEditForm
          edit={edit}
          name="the title"
          currentText={task.fields.title}
          errorId={`${id}-error`}
        >
          <label htmlFor={`${id}-input`} className="visually-hidden">
            Title
          </label>
          <input
            id={`${id}-input`}
            type="text"
            className="title-input"
            value={edit.draft}
            maxLength={MAX_TITLE}
            // biome-ignore lint/a11y/noAutofocus: the person just asked to edit the title
            autoFocus
            aria-invalid={edit.error ? true : undefined}
            aria-describedby={edit.error || edit.conflict ? `${id}-error` : undefined}
            onChange={(event) => edit.setDraft(event.target.value)}
            onKeyDown={edit.onKeyDown}
          />
        </InlineEditForm>
      </div>
    )
  }
  return (
    <div className="title-row">
      <h1 id="task-title">{task.fields.title}</h1>
      {canEdit ? (
        <button
          ref={edit.editButton}
          type="button"
          className="button-secondary edit-button"
          onClick={edit.start}
        >
          Edit<span className="visually-hidden"> the title</span>
        </button>
      ) : null}
    </div>
  )
}
