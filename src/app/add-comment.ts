import { taskNotFound } from '../contract/errors'
import { type CommentRecord, insertComment } from '../store/comments'
import type { Actor } from './actor'
import { foundOr } from './found'

/** Comments on a task as the actor, recorded in its history in the same statement. */
export async function addComment(
  actor: Actor,
  taskUid: string,
  text: string,
): Promise<CommentRecord> {
  const input = { orgUid: actor.orgUid, taskUid, authorUid: actor.actorUid, text }
  return foundOr(await insertComment(actor.db.pool, input), taskNotFound)
}
