import { type FormEvent, useState } from 'react'
import { queryKeys, unwrap, useApiMutation, useApiQuery } from '../../api'
import { useCan } from '../../auth/auth-context'
import { EmptyState } from '../../ui/empty-state'
import { ErrorNotice } from '../../ui/error-notice'
import { formatDateTime } from '../../ui/format'
import { Loading } from '../../ui/loading'

/** A task's comments, oldest first, and (for operators and above) the form to add one. */
export function TaskComments({ taskUid }: { taskUid: string }) {
  const canWrite = useCan('operator')
  const [text, setText] = useState('')
  const path = { params: { path: { uid: taskUid } } }
  const comments = useApiQuery(
    queryKeys.taskComments(taskUid),
    async (api) => (await unwrap(api.GET('/tasks/{uid}/comments', path))).items,
  )
  const add = useApiMutation(
    (api, body: string) =>
      unwrap(api.POST('/tasks/{uid}/comments', { ...path, body: { text: body } })),
    { invalidates: [queryKeys.task(taskUid)], onSuccess: () => setText('') },
  )

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (text.trim()) {
      add.mutate(text.trim())
    }
  }

  const items = comments.data ?? []
  return (
    <section className="panel" aria-labelledby="comments-title">
      <h2 id="comments-title">Comments</h2>
      {comments.isPending ? <Loading label="Loading comments" /> : null}
      {comments.isError ? (
        <ErrorNotice error={comments.error} action="Could not load the comments" />
      ) : null}
      {comments.isSuccess && items.length === 0 ? <EmptyState title="No comments yet" /> : null}
      {items.length > 0 ? (
        <ol className="comments">
          {items.map((comment) => (
            <li key={comment.uid} className="comment">
              <p className="comment-meta">
                <strong>{comment.author.name}</strong>{' '}
                <time dateTime={comment.created_at}>{formatDateTime(comment.created_at)}</time>
              </p>
              <p className="comment-text">{comment.text}</p>
            </li>
          ))}
        </ol>
      ) : null}
      {canWrite ? (
        <form className="comment-form" onSubmit={submit}>
          <label className="field">
            <span>Add a comment</span>
            <textarea
              rows={3}
              value={text}
              maxLength={20_000}
              onChange={(event) => setText(event.target.value)}
            />
          </label>
          {add.isError ? (
            <ErrorNotice error={add.error} action="Could not add the comment" />
          ) : null}
          <button type="submit" className="button-primary" disabled={add.isPending || !text.trim()}>
            {add.isPending ? 'Posting…' : 'Post comment'}
          </button>
        </form>
      ) : null}
    </section>
  )
}
