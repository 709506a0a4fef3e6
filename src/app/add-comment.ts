import { taskNotFound } from '../contract/errors'
import { type CommentRecord, insertComment } from '../store/comments'
import type { Actor } from './actor'

/** Comments on a task as the actor, recorded in its history in the same statement. */
export async function addComment(
  actor: Actor,
  taskUid: string,
  text: string,
): Promise<CommentRecord> {
  const comment = await insertComment(actor.db.pool, {
    orgUid: actor.orgUid,
    taskUid,
    authorUid: actor.actorUid,
    text,
  })
  if (!comment) {
    throw taskNotFound()
  }
  return comment
}
