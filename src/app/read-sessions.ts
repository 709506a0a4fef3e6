import { listUserSessions, type SessionRecord } from '../store/sessions'
import type { Actor } from './actor'

/** The acting user's own live web sessions (`GET /sessions`), most recently used first. */
export async function readOwnSessions(actor: Actor): Promise<SessionRecord[]> {
  return listUserSessions(actor.db.pool, actor.orgUid, actor.actorUid)
}
