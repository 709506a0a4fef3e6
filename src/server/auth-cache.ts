import { performance } from 'node:perf_hooks'
import { type InvalidationFeed, listenForAuthInvalidations } from '../store/auth-invalidation'
import type { Database } from '../store/database'
import type { OrgRules } from '../store/organizations'
import type { Principal } from '../store/tokens'
import { touchTokens } from '../store/tokens'

/** Revocation, role and rule changes reach every process within this bound (default). */
export const DEFAULT_AUTH_CACHE_BOUND_MS = 100

/**
 * The bound from `TESSERA_AUTH_CACHE_BOUND_MS` (0: no cache, every request asks the
 * database), else {@link DEFAULT_AUTH_CACHE_BOUND_MS}.
 */
export function authCacheBoundMs(env: NodeJS.ProcessEnv): number {
  const value = env.TESSERA_AUTH_CACHE_BOUND_MS
  if (value === undefined || value === '') {
    return DEFAULT_AUTH_CACHE_BOUND_MS
  }
  const bound = Number(value)
  if (!Number.isInteger(bound) || bound < 0) {
    throw new Error(`TESSERA_AUTH_CACHE_BOUND_MS must be a whole number of ms, not ${value}`)
  }
  return bound
}

/**
 * The API routes whose writes change what the cache keeps (tokens, users, an organization's
 * settings, calendars and queues): their process forgets it before answering.
 */
const AUTH_DATA_ROUTES = /^\/api\/v1\/(tokens|users|accounts|settings|calendars|queues)(\/|$)/

/** Whether a successful request of this method to this route pattern changed cached data. */
export function changesAuthData(method: string, routeUrl: string | undefined): boolean {
  return method !== 'GET' && method !== 'HEAD' && AUTH_DATA_ROUTES.test(routeUrl ?? '')
}

/** How often the tokens used since are marked as used (`last_used_at`). */
const TOUCH_EVERY_MS = 30_000

/** Most tokens kept per process: past it the oldest go (a leak of one-off tokens). */
const MAX_TOKENS = 10_000

interface CachedToken {
  principal: Principal
  /** When the token expires (epoch ms), if it does. */
  expiresAt: number | null
}

/**
 * Taken before reading from the database, handed back with what was read: the read is
 * cached only if nothing was invalidated (and the feed never lost) in between, since it may
 * predate a change whose invalidation has already been handled.
 */
export type CacheTicket = number | null

/**
 * Each process's memory of the tokens it has seen (by hash) and of their organizations'
 * rules, so that an authenticated request needs no round trip before its real work.
 *
 * The triggers of migration 0023 announce every change to what is kept here; any
 * announcement empties the whole cache (they are rare: a revocation, a role, a queue). The
 * cache answers only while its feed is current (see {@link InvalidationFeed}): a revoked
 * token, a deactivated user, a changed role or rule is refused or seen on every process
 * within `boundMs` of its commit; while the LISTEN connection is down or slow, everything
 * goes to the database as before, and the cache starts empty once it is back.
 */
export class AuthCache {
  private readonly tokens = new Map<string, CachedToken>()
  private readonly rules = new Map<string, OrgRules>()
  private readonly used = new Set<string>()
  private generation = 0
  private feed: InvalidationFeed | null = null
  private touching: NodeJS.Timeout | undefined

  constructor(
    private readonly db: Database,
    private readonly boundMs: number = DEFAULT_AUTH_CACHE_BOUND_MS,
  ) {}

  async start(): Promise<void> {
    this.feed = await listenForAuthInvalidations(
      this.db,
      { message: () => this.clear(), lost: () => this.clear() },
      this.boundMs,
    )
    this.touching = setInterval(() => void this.touch(), TOUCH_EVERY_MS)
    this.touching.unref()
  }

  async stop(): Promise<void> {
    clearInterval(this.touching)
    await this.feed?.stop()
    this.feed = null
    this.clear()
    await this.touch()
  }

  /** The principal of a token hash, if known and current, counting the token as used. */
  principal(hash: string): Principal | null {
    if (!this.trusted()) {
      return null
    }
    const found = this.tokens.get(hash)
    if (!found) {
      return null
    }
    if (found.expiresAt !== null && found.expiresAt <= Date.now()) {
      this.tokens.delete(hash)
      return null
    }
    this.used.add(found.principal.tokenUid)
    return found.principal
  }

  /** The organization's rules, if known and current. */
  orgRules(orgUid: string): OrgRules | null {
    return this.trusted() ? (this.rules.get(orgUid) ?? null) : null
  }

  /** To take before reading what {@link remember} or {@link rememberRules} will be given. */
  ticket(): CacheTicket {
    return this.feed?.listening() ? this.generation : null
  }

  remember(ticket: CacheTicket, hash: string, principal: Principal, expiresAt: Date | null): void {
    if (ticket === null || ticket !== this.generation) {
      return
    }
    if (this.tokens.size >= MAX_TOKENS) {
      const oldest = this.tokens.keys().next().value
      if (oldest !== undefined) {
        this.tokens.delete(oldest)
      }
    }
    this.tokens.set(hash, { principal, expiresAt: expiresAt?.getTime() ?? null })
  }

  rememberRules(ticket: CacheTicket, orgUid: string, rules: OrgRules): void {
    if (ticket !== null && ticket === this.generation) {
      this.rules.set(orgUid, rules)
    }
  }

  /**
   * Forgets everything at once, for a request of this process that changed what is kept
   * here: its caller may use the change before its own announcement has come back.
   */
  forget(): void {
    this.clear()
  }

  private trusted(): boolean {
    return this.feed?.current(performance.now()) ?? false
  }

  private clear(): void {
    this.generation++
    this.tokens.clear()
    this.rules.clear()
  }

  /** Writes `last_used_at` of the tokens served from memory since the last time. */
  private async touch(): Promise<void> {
    if (this.used.size === 0) {
      return
    }
    const uids = [...this.used]
    this.used.clear()
    await touchTokens(this.db.pool, uids).catch(() => {
      // The database is away: these uses are forgotten, as a crash would forget them.
    })
  }
}
