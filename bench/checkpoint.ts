import type pg from 'pg'

const INSUFFICIENT_PRIVILEGE = '42501'

/**
 * A checkpoint, where the bench's role may make one (superusers and pg_checkpoint): without
 * it the bench still runs, and its figures carry the full-page images and the flushing of
 * whichever checkpoint falls in a timed phase. After one, every phase starts as far from the
 * next: the first change to a page after a checkpoint writes the whole page to the WAL.
 */
export async function checkpoint(db: pg.Pool | pg.Client): Promise<void> {
  try {
    await db.query('CHECKPOINT')
  } catch (error) {
    if ((error as { code?: string }).code !== INSUFFICIENT_PRIVILEGE) {
      throw error
    }
  }
}
