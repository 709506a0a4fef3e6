/**
 * Running a bulk action to its end: POST /tasks/bulk answers one chunk at a time for a filter
 * selection (`next` says where to go on), and its undo one chunk per call (`remaining`). These
 * loops hand each answer over for the progress bar, collect the tasks that failed, and stop
 * between chunks when asked.
 */
import type { Schema } from '../../api'

export type BulkBody = Schema<'BulkActionBody'>
export type BulkAction = BulkBody['action']
export type BulkResult = Schema<'BulkActionResult'>
export type BulkUndoResult = Schema<'BulkUndoResult'>
/** A task a chunk could not change (or restore), and why. */
export type BulkProblem = BulkResult['failed'][number]

/** The end of a bulk action: the last answer, with the failures of every chunk. */
export interface BulkOutcome extends BulkResult {
  /** The reader stopped it before the last chunk. */
  stopped: boolean
}

/**
 * Sends `body`, then the same body with `selection.after` while the answer has a `next`,
 * unless `shouldStop()` says so between two requests.
 */
export async function runBulkAction(
  post: (body: BulkBody) => Promise<BulkResult>,
  body: BulkBody,
  onProgress: (result: BulkResult) => void,
  shouldStop: () => boolean = () => false,
): Promise<BulkOutcome> {
  let result = await post(body)
  const failed = [...result.failed]
  onProgress(result)
  while (result.next && !shouldStop()) {
    result = await post({ ...body, selection: { ...body.selection, after: result.next } })
    failed.push(...result.failed)
    onProgress(result)
  }
  return { ...result, failed, stopped: result.next !== null }
}

/** The end of an undo: the last answer, with the tasks skipped in every call. */
export type UndoOutcome = BulkUndoResult

/** Calls the undo of a bulk action while tasks remain to look at. */
export async function runBulkUndo(
  post: () => Promise<BulkUndoResult>,
  onProgress: (result: BulkUndoResult) => void,
): Promise<UndoOutcome> {
  let result = await post()
  const skipped = [...result.skipped]
  onProgress(result)
  while (result.remaining > 0) {
    const before = result.processed
    result = await post()
    skipped.push(...result.skipped)
    onProgress(result)
    if (result.processed === before) {
      // No headway: the server would answer the same forever.
      break
    }
  }
  return { ...result, skipped }
}
