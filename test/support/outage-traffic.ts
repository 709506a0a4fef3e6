import { randomUUID } from 'node:crypto'
import type { ApiResponse } from './api-client'
import { requestWithin } from './bounded-request'

/** A request must be answered within this, database or not: a hang fails the test. */
export const ANSWER_WITHIN_MS = 60_000

/** What the writers saw. */
export interface TrafficRecord {
  /** uid of every acknowledged create, with the marker it carried. */
  acknowledged: Map<string, string>
  /** 503 answers received, each checked to carry Retry-After and the error shape. */
  unavailable: number
  /** Every answer that is neither a 200 nor a well-formed 503, or a request never answered. */
  wrong: { status: number | string; retryAfter: string | null; body: unknown }[]
}

/** Concurrent writers creating tasks until stopped. */
export interface Traffic {
  record: TrafficRecord
  /** Resolves once `predicate` holds of the record. */
  until: (predicate: (record: TrafficRecord) => boolean, what: string) => Promise<void>
  stop: () => Promise<void>
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Whether `res` is the documented answer to a database outage. */
export function isUnavailableAnswer(res: ApiResponse): boolean {
  return (
    res.status === 503 &&
    Number(res.headers.get('retry-after')) > 0 &&
    res.body?.error?.code === 'service_unavailable' &&
    typeof res.body.error.message === 'string' &&
    typeof res.body.error.request_id === 'string'
  )
}

/**
 * `writers` loops each creating tasks through `POST /tasks` as fast as they are answered;
 * each answer is classified. A client that is told 503 waits a little, as Retry-After asks
 * (shortened: the test wants to see the recovery soon after it happens).
 */
export function startOutageTraffic(baseUrl: string, token: string, writers = 4): Traffic {
  const record: TrafficRecord = { acknowledged: new Map(), unavailable: 0, wrong: [] }
  let stopped = false
  const write = async () => {
    while (!stopped) {
      const marker = randomUUID()
      try {
        const res = await requestWithin(ANSWER_WITHIN_MS, baseUrl, token, 'POST', 'tasks', {
          fields: { title: 'outage traffic', marker },
        })
        if (res.status === 200) {
          record.acknowledged.set(res.body.uid, marker)
        } else if (isUnavailableAnswer(res)) {
          record.unavailable++
          await pause(100)
        } else {
          record.wrong.push({
            status: res.status,
            retryAfter: res.headers.get('retry-after'),
            body: res.body,
          })
        }
      } catch (error) {
        record.wrong.push({ status: (error as Error).message, retryAfter: null, body: null })
        await pause(100)
      }
    }
  }
  const loops = Array.from({ length: writers }, write)
  return {
    record,
    until: async (predicate, what) => {
      const deadline = Date.now() + 2 * ANSWER_WITHIN_MS
      while (!predicate(record)) {
        if (Date.now() > deadline) {
          throw new Error(`traffic never reached: ${what}; saw ${JSON.stringify(record.wrong)}`)
        }
        await pause(25)
      }
    },
    stop: async () => {
      stopped = true
      await Promise.all(loops)
    },
  }
}
