import type { QueryKey } from '@tanstack/react-query'
import { queryKeys } from '../../api'

/**
 * What a change of one task makes stale: the task (with its history), the lists and counts
 * it appears in, and the player. Live events would refresh them too, but a moment later.
 */
export function staleAfterTaskChange(taskUid: string): QueryKey[] {
  return [queryKeys.task(taskUid), queryKeys.taskLists, queryKeys.queueStats, queryKeys.player]
}
