import { randomUUID } from 'node:crypto'
import type { ApiResponse } from './api-client'
import { NoAnswerError, requestWithin } from './bounded-request'

/** Where the load goes; `baseUrl` changes when the server is restarted on another port. */
export interface LoadTarget {
  baseUrl: string
}

/** Everything the load sent, and what the server acknowledged with a 2xx. */
export interface Ledger {
  /** The marker of every create ever sent, acknowledged or not. */
  sentMarkers: Set<string>
  /** Acknowledged creates (single or batch item): marker → the task's uid. */
  created: Map<string, string>
  /** Acknowledged creates sent with a client uid, or without one (server uid). */
  createdWithClientUid: Set<string>
  /** Per upserted uid: the last version acknowledged (0: none) and the last version sent. */
  upserts: Map<string, { acked: number; sent: number }>
  /** Task uid → the operators an acknowledged `player/next` handed it to. */
  handedTo: Map<string, Set<string>>
  /** Tasks whose completion was acknowledged. */
  completed: Set<string>
  /** Acknowledged requests, all kinds together. */
  acknowledged: number
  /** Requests that got no answer at all (server killed or down), by call and error. */
  unanswered: Map<string, number>
  /** Requests cut off mid-flight: sent, then the connection died without an answer. */
  cut: number
  /** Answers no client should see while the server is up: any 5xx, any refused write. */
  unexpected: { call: string; status: number; body: unknown }[]
}

/** Who sends the load. */
export interface LoadActors {
  adminToken: string
  operators: { email: string; token: string }[]
}

/** Sustained mixed ingestion, running until stopped. */
export interface IngestLoad {
  ledger: Ledger
  /** Resolves once `count` more requests have been acknowledged (from now). */
  acknowledgeMore: (count: number, timeoutMs?: number) => Promise<void>
  stop: () => Promise<void>
}

/** Upserted tasks per upsert loop: each is PUT again and again with a growing version. */
const UPSERT_UIDS_PER_LOOP = 5
const BATCH_SIZE = 20
/** A loop whose request failed at the network level waits this long before the next one. */
const NETWORK_BACKOFF_MS = 50
/** No request may hang the test: a server that stops answering fails it instead. */
const REQUEST_TIMEOUT_MS = 60_000

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Starts concurrent loops against `target`: single creates with and without a client uid,
 * batch creates, PUT upserts carrying a version counter in `fields`, and one player per
 * operator (start, next, complete). Tasks the players can work must already exist and be
 * routed to a queue (created with `fields.kind = "play"` by the caller, say).
 *
 * A request that fails at the network level (the server was killed, or is restarting) is
 * not acknowledged; the loop carries on with a fresh request, as a real client would.
 */
export function startIngestLoad(target: LoadTarget, actors: LoadActors): IngestLoad {
  const ledger: Ledger = {
    sentMarkers: new Set(),
    created: new Map(),
    createdWithClientUid: new Set(),
    upserts: new Map(),
    handedTo: new Map(),
    completed: new Set(),
    acknowledged: 0,
    unanswered: new Map(),
    cut: 0,
    unexpected: [],
  }
  let stopped = false

  /** Sends one request; null when it got no answer at all. */
  const send = async (
    token: string,
    method: string,
    path: string,
    body: unknown,
  ): Promise<ApiResponse | null> => {
    try {
      return await requestWithin(REQUEST_TIMEOUT_MS, target.baseUrl, token, method, path, body)
    } catch (error) {
      if (error instanceof NoAnswerError) {
        throw error
      }
      const cause = (error as Error & { cause?: Error }).cause
      const key = `${method} ${path.replace(/[0-9a-f-]{36}/, '{uid}')}: ${cause?.message ?? error}`
      ledger.unanswered.set(key, (ledger.unanswered.get(key) ?? 0) + 1)
      if (cause && !/ECONNREFUSED/.test(cause.message)) {
        ledger.cut++
      }
      await pause(NETWORK_BACKOFF_MS)
      return null
    }
  }

  const acknowledge = (res: ApiResponse | null, call: string, refusalsExpected = false) => {
    if (!res) {
      return false
    }
    if (res.status >= 200 && res.status < 300) {
      ledger.acknowledged++
      return true
    }
    if (res.status >= 500 || !refusalsExpected) {
      ledger.unexpected.push({ call, status: res.status, body: res.body })
    }
    return false
  }

  const newItem = (withUid: boolean) => {
    const marker = randomUUID()
    ledger.sentMarkers.add(marker)
    const uid = withUid ? randomUUID() : undefined
    return { marker, item: { ...(uid ? { uid } : {}), fields: { title: 'crash load', marker } } }
  }

  const recordCreated = (marker: string, uid: string, withUid: boolean) => {
    ledger.created.set(marker, uid)
    if (withUid) {
      ledger.createdWithClientUid.add(uid)
    }
  }

  const createLoop = async (withUid: boolean) => {
    while (!stopped) {
      const { marker, item } = newItem(withUid)
      const res = await send(actors.adminToken, 'POST', 'tasks', item)
      if (acknowledge(res, 'POST /tasks')) {
        recordCreated(marker, res?.body.uid, withUid)
      }
    }
  }

  const batchLoop = async () => {
    while (!stopped) {
      const sent = Array.from({ length: BATCH_SIZE }, (_, i) => newItem(i % 2 === 0))
      const res = await send(actors.adminToken, 'POST', 'tasks/batch', {
        items: sent.map((s) => s.item),
      })
      if (acknowledge(res, 'POST /tasks/batch')) {
        for (const result of res?.body.items ?? []) {
          const one = sent[result.index]
          if (result.status !== 200 || !one) {
            ledger.unexpected.push({
              call: 'POST /tasks/batch item',
              status: result.status,
              body: result,
            })
            continue
          }
          recordCreated(one.marker, result.uid, 'uid' in one.item)
        }
      }
    }
  }

  const upsertLoop = async () => {
    const uids = Array.from({ length: UPSERT_UIDS_PER_LOOP }, () => randomUUID())
    for (const uid of uids) {
      ledger.upserts.set(uid, { acked: 0, sent: 0 })
    }
    for (let turn = 0; !stopped; turn++) {
      const uid = uids[turn % uids.length] as string
      const versions = ledger.upserts.get(uid) as { acked: number; sent: number }
      const version = ++versions.sent
      // PUT is idempotent: a client that got no answer sends the same version again.
      let res: ApiResponse | null = null
      while (!res && !stopped) {
        res = await send(actors.adminToken, 'PUT', `tasks/${uid}`, {
          fields: { title: 'upserted', version },
        })
      }
      if (acknowledge(res, 'PUT /tasks/{uid}')) {
        versions.acked = version
      }
    }
  }

  const playerLoop = async (operator: { email: string; token: string }) => {
    const call = (path: string, body: unknown) => send(operator.token, 'POST', path, body)
    const complete = async (body: { task_uid?: string }) => {
      const res = await call('player/complete', body)
      if (acknowledge(res, 'POST /player/complete', true)) {
        ledger.completed.add(res?.body.uid)
      }
    }
    let playing = false
    while (!stopped) {
      if (!playing) {
        playing = acknowledge(await call('player/start', {}), 'POST /player/start', true)
        continue
      }
      const next = await call('player/next', {})
      if (next?.status === 409) {
        // A `next` whose answer was lost in the crash may have started a task for us.
        await complete({})
        playing = false
      } else if (acknowledge(next, 'POST /player/next', true)) {
        const task = next?.body.task
        if (!task) {
          await pause(100)
          continue
        }
        const holders = ledger.handedTo.get(task.uid) ?? new Set()
        ledger.handedTo.set(task.uid, holders.add(operator.email))
        await complete({ task_uid: task.uid })
      }
    }
  }

  // A loop that fails (a request that hangs) stops the load and fails the test at once.
  let failure: unknown = null
  const loops = [
    createLoop(false),
    createLoop(true),
    batchLoop(),
    upsertLoop(),
    upsertLoop(),
    ...actors.operators.map(playerLoop),
  ].map((loop) =>
    loop.catch((error: unknown) => {
      failure ??= error
      stopped = true
    }),
  )

  return {
    ledger,
    acknowledgeMore: async (count, timeoutMs = 120_000) => {
      const goal = ledger.acknowledged + count
      const deadline = Date.now() + timeoutMs
      while (ledger.acknowledged < goal) {
        if (failure) {
          throw failure
        }
        if (Date.now() > deadline) {
          const recent = JSON.stringify(ledger.unexpected.slice(-3))
          throw new Error(
            `only ${ledger.acknowledged} of ${goal} acknowledgements in ${timeoutMs} ms; ` +
              `${ledger.unexpected.length} unexpected answers, the last: ${recent}`,
          )
        }
        await pause(20)
      }
    },
    stop: async () => {
      stopped = true
      await Promise.all(loops)
      if (failure) {
        throw failure
      }
    },
  }
}
