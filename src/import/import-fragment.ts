import { MAX_BATCH_ITEMS } from '../contract/tasks'
import type { ApiClient } from './api-client'
import { copyComments } from './copy-comments'
import { type CopiedTask, copyTask, walkSourceTasks } from './fragment-tasks'
import type { ImportProgress } from './progress'
import { type Entry, sendBatch, type WriteTally, writeTasks } from './write-tasks'

/** How to copy an organization's tasks from a Fragment-compatible API. */
export interface FragmentImportOptions {
  source: ApiClient
  destination: ApiClient
  /** Also copy archived tasks (as archived). */
  archived: boolean
  comments: boolean
  dryRun: boolean
  pageSize: number
  concurrency: number
  progress: ImportProgress
}

/** What the copy did (or in a dry run would do). */
export interface FragmentImportResult {
  tasks: WriteTally
  /** Sub-task links set (or, in a dry run, to set). */
  links: number
  linkRefusals: WriteTally['refused']
  /** Comments added; null in a dry run, which does not read them. */
  comments: number | null
}

/**
 * Copies every task of the source, page by page, into the destination under the same
 * uids, so running it again (after an interruption, or to catch up) updates instead of
 * duplicating; then links sub-tasks to their parents, then copies comments.
 */
export async function importFragment(
  options: FragmentImportOptions,
): Promise<FragmentImportResult> {
  const { progress } = options
  const parents: Entry<{ uid: string; parent_uid: string }>[] = []
  const copied: string[] = []
  let position = 0
  async function* batches(): AsyncGenerator<Entry<CopiedTask>[]> {
    let started = false
    for await (const page of walkSourceTasks(options.source, {
      archived: options.archived,
      pageSize: options.pageSize,
    })) {
      if (!started) {
        progress.start(options.dryRun ? 'checking' : 'tasks', page.total)
        started = true
      }
      const batch = page.tasks.map((task) => {
        position += 1
        if (typeof task.parent_uid === 'string') {
          parents.push({ row: position, item: { uid: task.uid, parent_uid: task.parent_uid } })
        }
        copied.push(task.uid)
        return { row: position, item: copyTask(task) }
      })
      yield batch
    }
  }
  const tasks = await writeTasks(batches(), {
    client: options.destination,
    dryRun: options.dryRun,
    concurrency: options.concurrency,
    onSettled: (count) => progress.advance(count),
  })
  progress.stop()
  const refused = new Set(tasks.refused.map((refusal) => refusal.uid))
  const linkTally: WriteTally = { created: 0, updated: 0, refused: [] }
  const toLink = parents.filter((entry) => !refused.has(entry.item.uid))
  let links = toLink.length
  if (!options.dryRun && toLink.length > 0) {
    links = 0
    for (let start = 0; start < toLink.length; start += MAX_BATCH_ITEMS) {
      const batch = toLink.slice(start, start + MAX_BATCH_ITEMS)
      links += (await sendBatch('PATCH', batch, options.destination, linkTally)).length
    }
  }
  let comments: number | null = null
  if (options.comments && !options.dryRun) {
    const uids = copied.filter((uid) => !refused.has(uid))
    progress.start('comments', uids.length)
    comments = 0
    let next = 0
    const worker = async () => {
      for (let uid = uids[next]; uid !== undefined; uid = uids[next]) {
        next += 1
        const added = await copyComments(options.source, options.destination, uid)
        comments = (comments ?? 0) + added
        progress.advance(1)
      }
    }
    await Promise.all(Array.from({ length: options.concurrency * 2 }, worker))
    progress.stop()
  }
  return { tasks, links, linkRefusals: linkTally.refused, comments }
}
