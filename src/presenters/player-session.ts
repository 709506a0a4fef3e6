import type { Static } from '@sinclair/typebox'
import type { PlayerSession } from '../contract/player'
import type { PlayerSessionRecord } from '../store/player-sessions'

/** An operator's playing session, or null when they are not playing. */
export function presentPlayerSession(
  session: PlayerSessionRecord | null,
): Static<typeof PlayerSession> | null {
  return session && { ...session, started_at: session.started_at.toISOString() }
}
