import type { BaseLogger } from 'pino'

/** One process's loop over a durable outbox (webhook deliveries, notifications). */
export interface OutboxLoop {
  /** Looks at the outbox now: a process has just queued something in it. */
  nudge(): void
  /** Stops claiming, aborts the attempts in flight, and resolves when they are settled. */
  stop(): Promise<void>
}

/** What an attempt may do besides its own work. */
export interface AttemptContext {
  /** Aborted when the server stops: the attempt gives its claim back. */
  shutdown: AbortSignal
  /** Looks at the outbox again in `ms` at the latest (a retry or the next item is due). */
  wakeIn(ms: number): void
}

export interface OutboxLoopOptions<Claim> {
  /** Fastest poll, and the one used while work keeps coming. */
  pollMs: number
  /** Most attempts in flight in this process. */
  concurrency: number
  /** Claims up to `room` due items (leased, so no other process takes them meanwhile). */
  claim(room: number): Promise<Claim[]>
  /** Tries one claimed item and records the outcome; never rejects. */
  attempt(claim: Claim, context: AttemptContext): Promise<void>
  /** Deletes what the retention keeps no longer; run at start and hourly. */
  prune(): Promise<unknown>
  log: Pick<BaseLogger, 'warn'>
  /** Log messages naming what could not be done. */
  messages: { claimFailed: string; pruneFailed: string }
}

/**
 * The longest wait between two looks at an outbox that stays empty. Polls back off to it
 * (doubling from `pollMs`), so an idle server costs next to nothing (measured: a 500 ms poll
 * was half of an idle server's CPU); every insert into an outbox wakes the loops of every
 * server (NOTIFY, migration 0027), so only a retry planned by a process that died, or a
 * notification lost with a dropped LISTEN connection, waits for a poll.
 */
const IDLE_POLL_MS = 5000

/**
 * The shortest time between two looks that wake-ups asked for: under a steady stream of
 * queued items the loops would otherwise claim back to back, a round trip each. A delivery
 * waits at most this much longer. (Before the outboxes announced their inserts, every API
 * write of a process woke its loops, and at 8 operators playing their empty looks cost a
 * fifth of the player's throughput even with this spacing.)
 */
const NUDGE_SPACING_MS = 20
const SWEEP_EVERY_MS = 60 * 60_000

/**
 * Claims due items, up to `concurrency` in flight, and attempts each outside any
 * transaction, so a slow or failing receiver delays only the items behind it, never the API.
 */
export function startOutboxLoop<Claim>(options: OutboxLoopOptions<Claim>): OutboxLoop {
  const { pollMs, concurrency, log, messages } = options
  const inFlight = new Set<Promise<void>>()
  const shutdown = new AbortController()
  let stopping = false
  let timer: NodeJS.Timeout | undefined
  let timerDueAt = Number.POSITIVE_INFINITY
  let ticking: Promise<void> | null = null
  let again = false
  let idleMs = pollMs
  let claimedAt = Number.NEGATIVE_INFINITY

  const wakeIn = (ms: number) => {
    if (stopping || Date.now() + ms >= timerDueAt) {
      return
    }
    clearTimeout(timer)
    timerDueAt = Date.now() + ms
    timer = setTimeout(() => {
      timerDueAt = Number.POSITIVE_INFINITY
      void tick()
    }, ms)
    timer.unref()
  }
  const context: AttemptContext = { shutdown: shutdown.signal, wakeIn }

  const claimAndAttempt = async () => {
    const room = concurrency - inFlight.size
    if (room <= 0) {
      return
    }
    const claims = await options.claim(room).catch((error: unknown) => {
      log.warn({ err: error }, messages.claimFailed)
      return []
    })
    idleMs =
      claims.length > 0 || inFlight.size > 0
        ? pollMs
        : Math.min(idleMs * 2, Math.max(IDLE_POLL_MS, pollMs))
    for (const claim of claims) {
      const done: Promise<void> = options
        .attempt(claim, context)
        .finally(() => inFlight.delete(done))
      inFlight.add(done)
    }
    if (claims.length === room) {
      // A full batch: more may be due right away.
      wakeIn(0)
    }
  }

  const nudgeDelay = () => Math.max(0, claimedAt + NUDGE_SPACING_MS - Date.now())

  const tick = async () => {
    if (stopping) {
      return
    }
    if (ticking) {
      // Woken while claiming: look again right after, the wake-up may concern a new row.
      again = true
      return
    }
    again = false
    claimedAt = Date.now()
    ticking = claimAndAttempt().finally(() => {
      ticking = null
      wakeIn(again ? nudgeDelay() : idleMs)
    })
    await ticking
  }

  const prune = () => {
    options.prune().catch((error: unknown) => {
      log.warn({ err: error }, messages.pruneFailed)
    })
  }
  const sweep = setInterval(prune, SWEEP_EVERY_MS)
  sweep.unref()
  prune()
  wakeIn(0)

  return {
    nudge() {
      idleMs = pollMs
      wakeIn(nudgeDelay())
    },
    async stop() {
      stopping = true
      clearTimeout(timer)
      clearInterval(sweep)
      // Claims still arriving see the signal aborted and are given back untried.
      shutdown.abort()
      await ticking
      await Promise.all([...inFlight])
    },
  }
}
