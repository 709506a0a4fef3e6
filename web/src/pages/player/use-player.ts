import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { type TesseraClient, unwrap } from '../../../../sdk/src/index'
import { useApi } from '../../api/api-context'
import { useApiQuery } from '../../api/hooks'
import { queryKeys } from '../../api/query-keys'
import type { PlayerState, Task } from '../../api/types'
import type { PlayerCommand } from './shortcuts'
import { reserveTaskTab } from './task-tab'

/** What {@link usePlayer} returns: the session, the current task, and the moves. */
export interface Player {
  state: PlayerState | undefined
  loading: boolean
  loadError: Error | null
  /** The last move's failure, if it failed. */
  error: unknown
  /** The move being made, to disable the buttons meanwhile. */
  busy: PlayerCommand | 'start' | null
  /** True when the last `next` found nothing to do. */
  empty: boolean
  start: (queueUids: string[] | null) => void
  complete: () => void
  next: () => void
  pause: () => void
  skip: (reason: string) => void
  stop: () => void
}

async function playNext(api: TesseraClient): Promise<Task | null> {
  return (await unwrap(api.POST('/player/next'))).task
}

/**
 * The player's session (`GET /player`) and moves. Complete, skip and start go straight on
 * to the next task, and every move that hands out a task opens its url in the player's tab.
 */
export function usePlayer(): Player {
  const api = useApi()
  const queryClient = useQueryClient()
  const player = useApiQuery(queryKeys.player, (client) => unwrap(client.GET('/player')))
  const [busy, setBusy] = useState<Player['busy']>(null)
  const [error, setError] = useState<unknown>(null)
  const [empty, setEmpty] = useState(false)

  /**
   * Runs one move. `advances` moves end with a `next`: their tab is reserved before the
   * first await, while the browser still sees the user's click or key press.
   */
  const run = (
    kind: NonNullable<Player['busy']>,
    move: () => Promise<unknown>,
    advances: boolean,
  ) => {
    if (busy) {
      return
    }
    const tab = advances ? reserveTaskTab() : null
    setBusy(kind)
    setError(null)
    void (async () => {
      try {
        await move()
        if (advances) {
          const task = await playNext(api)
          setEmpty(task === null)
          tab?.show(task?.fields.url)
        }
      } catch (caught) {
        tab?.show(undefined)
        setError(caught)
      } finally {
        setBusy(null)
        await Promise.all(
          [queryKeys.player, queryKeys.taskLists, queryKeys.queueStats].map((queryKey) =>
            queryClient.invalidateQueries({ queryKey }),
          ),
        )
      }
    })()
  }

  return {
    state: player.data,
    loading: player.isPending,
    loadError: player.error,
    error,
    busy,
    empty,
    start: (queueUids) =>
      run(
        'start',
        () => unwrap(api.POST('/player/start', { body: { queue_uids: queueUids } })),
        true,
      ),
    complete: () => run('complete', () => unwrap(api.POST('/player/complete', { body: {} })), true),
    next: () => run('next', async () => undefined, true),
    pause: () => run('pause', () => unwrap(api.POST('/player/pause', { body: {} })), false),
    skip: (reason) =>
      run('skip', () => unwrap(api.POST('/player/skip', { body: { reason } })), true),
    stop: () => {
      setEmpty(false)
      run('stop', () => unwrap(api.POST('/player/stop')), false)
    },
  }
}
