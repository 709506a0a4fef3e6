import { MAX_BATCH_ITEMS } from '../contract/tasks'
import { type ApiClient, ApiError } from './api-client'
import type { TaskItem } from './map-row'

/** A task to write, with the row (or source position) it came from. */
export interface Entry<Item extends { uid: string } = TaskItem> {
  row: number
  item: Item
}

type AnyEntry = Entry<{ uid: string }>

/** A task the destination refused, though its row looked right here. */
export interface WriteRefusal {
  row: number
  uid: string
  reason: string
}

/** What an import did, or in a dry run would do. */
export interface WriteTally {
  created: number
  updated: number
  refused: WriteRefusal[]
}

/** How tasks are written. */
export interface WriteOptions {
  client: ApiClient
  /** Look up what would be created or updated, write nothing. */
  dryRun: boolean
  /** Batches in flight at once. */
  concurrency: number
  /** Called after each batch with the entries it settled. */
  onSettled?: (entries: number) => void
}

interface BatchResult {
  uid: string
  status: number
  error?: { code: string; message: string }
}

/**
 * Writes tasks through `PUT /tasks/batch`, which creates a task under its uid or replaces
 * it: running the same import again updates the same tasks. Each batch first asks which of
 * its uids exist (`POST /tasks/query`), to count creations apart from updates; a dry run
 * stops there. A batch the server refuses as a whole (422, naming the items) is sent again
 * without the items it named, which are refused alone: one transaction per batch, so a
 * refused task leaves nothing behind.
 */
export async function writeTasks(
  batches: AsyncIterable<AnyEntry[]> | Iterable<AnyEntry[]>,
  options: WriteOptions,
): Promise<WriteTally> {
  const tally: WriteTally = { created: 0, updated: 0, refused: [] }
  const inFlight = new Set<Promise<void>>()
  for await (const batch of batches) {
    if (batch.length === 0) {
      continue
    }
    const job = writeBatch(batch, options, tally).then(() => {
      inFlight.delete(job)
      options.onSettled?.(batch.length)
    })
    inFlight.add(job)
    // Seen by the race or the final wait; this keeps a second failure, while the first is
    // already being reported, from ending the process as an unhandled rejection.
    job.catch(() => {})
    if (inFlight.size >= options.concurrency) {
      await Promise.race(inFlight)
    }
  }
  await Promise.all(inFlight)
  return tally
}

async function writeBatch(
  batch: AnyEntry[],
  options: WriteOptions,
  tally: WriteTally,
): Promise<void> {
  const existing = await existingUids(
    options.client,
    batch.map((entry) => entry.item.uid),
  )
  let pending = batch
  if (!options.dryRun) {
    pending = await sendBatch('PUT', batch, options.client, tally)
  }
  for (const entry of pending) {
    if (existing.has(entry.item.uid)) {
      tally.updated += 1
    } else {
      tally.created += 1
    }
  }
}

/**
 * Sends a batch (`PUT` upserts, `PATCH` updates), dropping the items the server names as
 * wrong, and halving one too large for a request; returns the entries written.
 */
export async function sendBatch(
  method: 'PUT' | 'PATCH',
  batch: AnyEntry[],
  client: ApiClient,
  tally: WriteTally,
): Promise<AnyEntry[]> {
  let pending = batch
  while (pending.length > 0) {
    try {
      const answer = await client.request<{ items: BatchResult[] }>(method, 'tasks/batch', {
        body: { items: pending.map((entry) => entry.item) },
      })
      const written: AnyEntry[] = []
      for (const [index, result] of answer.items.entries()) {
        const entry = pending[index]
        if (entry === undefined) {
          continue
        }
        if (result.status < 300) {
          written.push(entry)
        } else {
          tally.refused.push({
            row: entry.row,
            uid: entry.item.uid,
            reason: result.error?.message ?? `refused with status ${result.status}`,
          })
        }
      }
      return written
    } catch (error) {
      if (error instanceof ApiError && error.status === 413 && pending.length > 1) {
        const half = Math.ceil(pending.length / 2)
        return [
          ...(await sendBatch(method, pending.slice(0, half), client, tally)),
          ...(await sendBatch(method, pending.slice(half), client, tally)),
        ]
      }
      if (!(error instanceof ApiError) || error.status !== 422) {
        throw error
      }
      const named = namedItems(error.body)
      if (named.size === 0) {
        // Refused as a whole without naming an item: every item shares the reason.
        for (const entry of pending) {
          tally.refused.push({ row: entry.row, uid: entry.item.uid, reason: error.message })
        }
        return []
      }
      for (const [index, reason] of named) {
        const entry = pending[index]
        if (entry) {
          tally.refused.push({ row: entry.row, uid: entry.item.uid, reason })
        }
      }
      pending = pending.filter((_, index) => !named.has(index))
    }
  }
  return []
}

/** The items a 422 names (`/body/items/3/fields/title`), each with what was wrong. */
function namedItems(body: unknown): Map<number, string> {
  const fields = (body as { error?: { fields?: { path?: string; message?: string }[] } })?.error
    ?.fields
  const named = new Map<number, string>()
  for (const field of fields ?? []) {
    const match = /^\/body\/items\/(\d+)(\/.*)?$/.exec(field.path ?? '')
    if (match) {
      const index = Number(match[1])
      const where = match[2] ? `${match[2].slice(1)} ` : ''
      const reason = `${where}${field.message ?? 'is not accepted'}`
      named.set(index, named.has(index) ? `${named.get(index)}; ${reason}` : reason)
    }
  }
  return named
}

/** The uids among these that name a task of the organization, archived or not. */
export async function existingUids(client: ApiClient, uids: string[]): Promise<Set<string>> {
  const found = new Set<string>()
  for (let start = 0; start < uids.length; start += MAX_BATCH_ITEMS) {
    const chunk = uids.slice(start, start + MAX_BATCH_ITEMS)
    const answer = await client.request<{ items: { uid: string }[] }>('POST', 'tasks/query', {
      body: {
        condition: { field: 'uid', operator: 'in', value: chunk },
        selects: ['status'],
        limit: chunk.length,
        archived: 'all',
      },
    })
    for (const item of answer.items) {
      found.add(item.uid)
    }
  }
  return found
}

/** Groups entries into batches of at most `size`. */
export async function* inBatches<T>(
  entries: AsyncIterable<T> | Iterable<T>,
  size: number = MAX_BATCH_ITEMS,
): AsyncGenerator<T[]> {
  let batch: T[] = []
  for await (const entry of entries) {
    batch.push(entry)
    if (batch.length >= size) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) {
    yield batch
  }
}
