import type { Comment } from '../contract/comments'
import type { CommentRecord } from '../store/comments'

/** A comment with its author. */
export function presentComment(comment: CommentRecord): Comment {
  return {
    uid: comment.uid,
    task_uid: comment.task_uid,
    text: comment.text,
    created_at: comment.created_at.toISOString(),
    author: { uid: comment.author_uid, name: comment.author_name, email: comment.author_email },
  }
}
