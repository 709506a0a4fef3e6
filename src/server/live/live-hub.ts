import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import type { Database } from '../../store/database'
import { pruneWatchers, unwatchOrganizations, watchOrganizations } from '../../store/live-watchers'

/** What a live client is told: which tasks changed, and how. */
export interface TaskChange {
  task_uids: string[]
  types: string[]
}

type Listener = (change: TaskChange) => void

/** Watches are renewed well within their 90 s lifetime (src/store/live-watchers.ts). */
const RENEW_MS = 30_000

/**
 * Fans out the database's task-change notifications to the live clients of this process,
 * by organization. The notifications come from a trigger on task_events, so a change made
 * through any server process (or any engine) reaches every client of every process. The
 * trigger only announces organizations some process watches (NOTIFY serialises commits), so
 * the hub records the organizations its clients watch, and renews them while they do.
 */
export class LiveHub {
  private readonly listeners = new Map<string, Set<Listener>>()
  private readonly watcher = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`
  private unlisten: (() => Promise<void>) | null = null
  private renewal: NodeJS.Timeout | undefined

  constructor(private readonly db: Database) {}

  /** Starts listening to the database. */
  async start(): Promise<void> {
    this.unlisten = await this.db.listen('tessera_tasks', (payload) => this.dispatch(payload))
    this.renewal = setInterval(() => void this.renew(), RENEW_MS)
    this.renewal.unref()
  }

  /** Stops listening. */
  async stop(): Promise<void> {
    clearInterval(this.renewal)
    await this.unlisten?.()
    this.unlisten = null
    await unwatchOrganizations(this.db.pool, this.watcher, null).catch(() => {})
  }

  /**
   * Calls `listener` for every change in the organization until the returned function runs.
   * Resolves once the watch is recorded, so no change committed afterwards is missed.
   */
  async subscribe(orgUid: string, listener: Listener): Promise<() => void> {
    const set = this.listeners.get(orgUid) ?? new Set()
    if (set.size === 0) {
      await watchOrganizations(this.db.pool, this.watcher, [orgUid])
    }
    set.add(listener)
    this.listeners.set(orgUid, set)
    return () => {
      set.delete(listener)
      if (set.size === 0 && this.listeners.get(orgUid) === set) {
        this.listeners.delete(orgUid)
        void unwatchOrganizations(this.db.pool, this.watcher, [orgUid]).catch(() => {})
      }
    }
  }

  /** Renews this process's watches (re-creating any a database restart lost). */
  private async renew(): Promise<void> {
    try {
      await watchOrganizations(this.db.pool, this.watcher, [...this.listeners.keys()])
      await pruneWatchers(this.db.pool)
    } catch {
      // The database is away: the next renewal tries again, long before the watches expire.
    }
  }

  private dispatch(payload: string): void {
    let message: { org_uid?: string } & Partial<TaskChange>
    try {
      message = JSON.parse(payload)
    } catch {
      return
    }
    const set = message.org_uid ? this.listeners.get(message.org_uid) : undefined
    for (const listener of set ?? []) {
      listener({ task_uids: message.task_uids ?? [], types: message.types ?? [] })
    }
  }
}
