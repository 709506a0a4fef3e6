import pg from 'pg'
import type { NotificationResponseMessage } from 'pg-protocol/dist/messages'
import { lockDataDir } from '../data-dir-lock'
import type { Database } from '../database'
import { keepTaskStatisticsFresh } from '../table-statistics'
import { PgliteConnection } from './pglite-connection'
import { PgliteSessionPool } from './pglite-session-pool'
import { startPgliteThread } from './pglite-thread'

/** PGlite, PostgreSQL compiled to WebAssembly, on a thread of this process, on `dataDir`. */
export async function openPglite(dataDir: string): Promise<Database> {
  const release = lockDataDir(dataDir)
  try {
    const thread = await startPgliteThread(dataDir)
    const listeners = new Map<string, Set<(payload: string) => void>>()
    const notify = ({ channel, payload }: NotificationResponseMessage) => {
      for (const onMessage of listeners.get(channel) ?? []) {
        onMessage(payload)
      }
    }
    // The same node-postgres code runs on both engines, on PGlite's one session.
    const pool = new PgliteSessionPool(new PgliteConnection(thread, notify))
    await pool.open()
    // PGlite runs no autovacuum: without this the planner never learns the tasks table grew.
    const statistics = keepTaskStatisticsFresh(pool)
    return {
      engine: 'pglite',
      pool,
      description: `pglite ${dataDir}`,
      // The one session hears its own NOTIFYs, in the reply of the statement that commits them.
      async listen(channel, onMessage) {
        const own = listeners.get(channel) ?? new Set()
        const first = own.size === 0
        own.add(onMessage)
        listeners.set(channel, own)
        if (first) {
          await pool.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
        }
        return async () => {
          own.delete(onMessage)
          if (own.size === 0 && listeners.get(channel) === own) {
            listeners.delete(channel)
            await pool.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`)
          }
        }
      },
      async close() {
        await statistics.stop()
        await pool.end()
        await thread.close()
        release()
      },
    }
  } catch (error) {
    release()
    throw error
  }
}
