import type { Database } from '../../store/database'

/** What a live client is told: which tasks changed, and how. */
export interface TaskChange {
  task_uids: string[]
  types: string[]
}

type Listener = (change: TaskChange) => void

/**
 * Fans out the database's task-change notifications to the live clients of this process,
 * by organization. The notifications come from a trigger on task_events, so a change made
 * through any server process (or any engine) reaches every client of every process.
 */
export class LiveHub {
  private readonly listeners = new Map<string, Set<Listener>>()
  private unlisten: (() => Promise<void>) | null = null

  constructor(private readonly db: Database) {}

  /** Starts listening to the database. */
  async start(): Promise<void> {
    this.unlisten = await this.db.listen('tessera_tasks', (payload) => this.dispatch(payload))
  }

  /** Stops listening. */
  async stop(): Promise<void> {
    await this.unlisten?.()
    this.unlisten = null
  }

  /** Calls `listener` for every change in the organization until the returned function runs. */
  subscribe(orgUid: string, listener: Listener): () => void {
    const set = this.listeners.get(orgUid) ?? new Set()
    set.add(listener)
    this.listeners.set(orgUid, set)
    return () => {
      set.delete(listener)
      if (set.size === 0) {
        this.listeners.delete(orgUid)
      }
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
