import type { TaskRecord } from '../store/tasks'

/** The outcome of one item of a write, in request order. */
export type ItemResult =
  | { index: number; uid: string; status: 200; created: boolean; task: TaskRecord }
  | {
      index: number
      uid: string
      status: 404 | 409
      code: 'not_found' | 'uid_taken'
      message: string
    }

/** Pairs each requested uid with the row written for it, or with `missing`. */
export function resultsInOrder(
  uids: string[],
  written: Map<string, { task: TaskRecord; created: boolean }>,
  missing: (uid: string) => Omit<Extract<ItemResult, { status: 404 | 409 }>, 'index' | 'uid'>,
): ItemResult[] {
  return uids.map((uid, index) => {
    const done = written.get(uid)
    return done ? { index, uid, status: 200, ...done } : { index, uid, ...missing(uid) }
  })
}
