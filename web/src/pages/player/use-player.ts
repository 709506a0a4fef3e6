import { useState } from 'react'
import {
  type PlayerState,
  queryKeys,
  type TesseraClient,
  unwrap,
  useApiMutation,
  useApiQuery,
} from '../../api'
import type { PlayerCommand } from './shortcuts'
import { reserveTaskTab, type TaskTab } from './task-tab'

/** What {@link usePlayer} returns: the session, the current task, and the moves. */
export interface Player {
  state: PlayerState | undefined
  loading: boolean
  loadError: Error | null
  /** The last move's failure, if it failed. */
  error: Error | null
  /** The move being made, to disable the buttons meanwhile. */
  busy: PlayerCommand | 'start' | null
  /** True when the last `next` found nothing to do. */
  empty: boolean
  /**
   * When the last `next` found nothing: how many tasks skipped in this session are left,
   * which `next` passes over until asked for them (`nextSkipped`).
   */
  skippedAvailable: number
  start: (queueUids: string[] | null) => void
  /** Completes the task in progress with what its form holds (`form_data`), if it has one. */
  complete: (formData?: Record<string, unknown>) => void
  next: () => void
  /** Takes the most urgent task, including those skipped in this session. */
  nextSkipped: () => void
  pause: () => void
  skip: (reason: string) => void
  stop: () => void
}

/** One move: its call, whether the next task follows, and the tab that task opens in. */
interface Move {
  kind: NonNullable<Player['busy']>
  call: (api: TesseraClient) => Promise<unknown>
  tab: TaskTab | null
  /** Whether the `next` that follows may hand out a task skipped in this session. */
  includeSkipped?: boolean
}

/**
 * The player's session (`GET /player`) and moves. Complete, skip and start go straight on
 * to the next task, and every move that hands out a task opens its url in the player's tab.
 */
export function usePlayer(): Player {
  const player = useApiQuery(queryKeys.player, (api) => unwrap(api.GET('/player')))
  const [empty, setEmpty] = useState(false)
  const [skippedAvailable, setSkippedAvailable] = useState(0)
  const move = useApiMutation(
    async (api, { call, tab, includeSkipped }: Move) => {
      try {
        await call(api)
        if (tab) {
          const body = includeSkipped ? { include_skipped: true } : {}
          const { task, skipped_available } = await unwrap(api.POST('/player/next', { body }))
          setEmpty(task === null)
          setSkippedAvailable(task === null ? (skipped_available ?? 0) : 0)
          tab.show(task?.fields.url)
        }
      } catch (caught) {
        tab?.show(undefined)
        throw caught
      }
    },
    {
      invalidates: [queryKeys.player, queryKeys.taskLists, queryKeys.queueStats],
      invalidatesOnError: true,
    },
  )
  const busy = move.isPending ? move.variables.kind : null

  /**
   * Runs one move. `advances` moves end with a `next`: their tab is reserved here, before
   * the first await, while the browser still sees the user's click or key press.
   */
  const run = (
    kind: Move['kind'],
    call: Move['call'],
    advances: boolean,
    includeSkipped = false,
  ) => {
    if (!busy) {
      move.mutate({ kind, call, tab: advances ? reserveTaskTab() : null, includeSkipped })
    }
  }

  return {
    state: player.data,
    loading: player.isPending,
    loadError: player.error,
    error: move.error,
    busy,
    empty,
    skippedAvailable,
    start: (queueUids) =>
      run(
        'start',
        (api) => unwrap(api.POST('/player/start', { body: { queue_uids: queueUids } })),
        true,
      ),
    complete: (formData) =>
      run(
        'complete',
        (api) =>
          unwrap(api.POST('/player/complete', { body: formData ? { form_data: formData } : {} })),
        true,
      ),
    next: () => run('next', async () => undefined, true),
    nextSkipped: () => run('next', async () => undefined, true, true),
    pause: () => run('pause', (api) => unwrap(api.POST('/player/pause', { body: {} })), false),
    skip: (reason) =>
      run('skip', (api) => unwrap(api.POST('/player/skip', { body: { reason } })), true),
    stop: () => {
      setEmpty(false)
      setSkippedAvailable(0)
      run('stop', (api) => unwrap(api.POST('/player/stop')), false)
    },
  }
}
