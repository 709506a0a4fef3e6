import type { TaskItem } from '../../../../src/import/map-row'
import { type Schema, TesseraApiError, type TesseraClient, unwrap } from '../../api'

/** Tasks per request: the API's batch limit. */
const BATCH = 1000

/** A task to write, with the row it came from. */
export interface RowItem {
  row: number
  item: TaskItem
}

/** A task the server refused though its row looked right here. */
export interface ServerRefusal {
  row: number
  reason: string
}

/** What a check or an import found: tasks new, tasks already there, rows refused. */
export interface RunTally {
  created: number
  updated: number
  refused: ServerRefusal[]
}

/** How far a run is, for the progress view. */
export interface RunProgress {
  done: number
  total: number
  startedAt: number
}

type UpsertItem = Schema<'BatchUpsertBody'>['items'][number]

/** The uids among these that name a task of the organization, archived or not. */
async function existingUids(api: TesseraClient, uids: string[]): Promise<Set<string>> {
  const answer = await unwrap(
    api.POST('/tasks/query', {
      body: {
        condition: { field: 'uid', operator: 'in', value: uids },
        selects: ['status'],
        limit: uids.length,
        archived: 'all',
      },
    }),
  )
  return new Set(answer.items.map((item) => String((item as { uid?: unknown }).uid)))
}

/**
 * Sends one batch through `PUT /tasks/batch` (create or replace by uid), dropping the items
 * a 422 names and sending the rest again; returns the rows written.
 */
async function putBatch(api: TesseraClient, batch: RowItem[], tally: RunTally): Promise<RowItem[]> {
  let pending = batch
  while (pending.length > 0) {
    try {
      const answer = await unwrap(
        api.PUT('/tasks/batch', {
          body: { items: pending.map((entry) => entry.item as UpsertItem) },
        }),
      )
      return pending.filter((entry, index) => {
        const result = answer.items[index]
        if (result && result.status >= 300) {
          tally.refused.push({
            row: entry.row,
            reason: result.error?.message ?? `status ${result.status}`,
          })
          return false
        }
        return true
      })
    } catch (error) {
      if (!(error instanceof TesseraApiError) || error.status !== 422) {
        throw error
      }
      const named = new Map<number, string>()
      for (const field of error.fields) {
        const match = /^\/body\/items\/(\d+)(?:\/(.*))?$/.exec(field.path)
        if (match) {
          named.set(Number(match[1]), `${match[2] ? `${match[2]} ` : ''}${field.message}`)
        }
      }
      if (named.size === 0) {
        throw error
      }
      for (const [index, reason] of named) {
        const entry = pending[index]
        if (entry) {
          tally.refused.push({ row: entry.row, reason })
        }
      }
      pending = pending.filter((_, index) => !named.has(index))
    }
  }
  return []
}

/**
 * Checks (`write: false`: which tasks exist, nothing written) or imports the rows, one
 * batch at a time, reporting progress after each.
 */
export async function runImport(
  api: TesseraClient,
  rows: RowItem[],
  write: boolean,
  onProgress: (progress: RunProgress) => void,
): Promise<RunTally> {
  const tally: RunTally = { created: 0, updated: 0, refused: [] }
  const startedAt = Date.now()
  onProgress({ done: 0, total: rows.length, startedAt })
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH)
    const existing = await existingUids(
      api,
      batch.map((entry) => entry.item.uid),
    )
    const written = write ? await putBatch(api, batch, tally) : batch
    for (const entry of written) {
      if (existing.has(entry.item.uid)) {
        tally.updated += 1
      } else {
        tally.created += 1
      }
    }
    onProgress({ done: start + batch.length, total: rows.length, startedAt })
  }
  return tally
}
