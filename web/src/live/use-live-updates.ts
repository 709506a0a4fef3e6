import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { apiBaseUrl, queryKeys } from '../api'
import { createEventBatcher, invalidationKeys, parseTasksEvent } from './live-events'

/** Whether the page is receiving live updates. */
export type LiveStatus = 'connecting' | 'live' | 'offline'

const BATCH_MS = 300
const FIRST_RETRY_MS = 2000
const MAX_RETRY_MS = 30_000

/**
 * Subscribes to `GET /live` (Server-Sent Events, authenticated by the session cookie) and
 * refetches what each `tasks` event makes stale, so every page stays current without a
 * reload. EventSource reconnects by itself after a network drop; when the server refuses
 * the stream outright it gives up, so this retries with a growing delay. After any gap the
 * caches are refreshed, since events may have been missed.
 */
export function useLiveUpdates(): LiveStatus {
  const queryClient = useQueryClient()
  const [status, setStatus] = useState<LiveStatus>('connecting')

  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      // No SSE in this environment (tests, very old browsers): data is fetched on navigation.
      setStatus('offline')
      return
    }
    const batcher = createEventBatcher((events) => {
      for (const queryKey of invalidationKeys(events)) {
        void queryClient.invalidateQueries({ queryKey })
      }
    }, BATCH_MS)
    let source: EventSource | null = null
    let retryTimer: ReturnType<typeof setTimeout> | undefined
    let retryMs = FIRST_RETRY_MS
    let hadGap = false
    let closed = false

    const connect = () => {
      source = new EventSource(`${apiBaseUrl()}/live`, { withCredentials: true })
      source.onopen = () => {
        setStatus('live')
        retryMs = FIRST_RETRY_MS
        if (hadGap) {
          void queryClient.invalidateQueries({ queryKey: queryKeys.tasks })
          void queryClient.invalidateQueries({ queryKey: queryKeys.queueStats })
          void queryClient.invalidateQueries({ queryKey: queryKeys.player })
        }
      }
      source.addEventListener('tasks', (message) => {
        const event = parseTasksEvent((message as MessageEvent<string>).data)
        if (event) {
          batcher.push(event)
        }
      })
      source.onerror = () => {
        hadGap = true
        setStatus('offline')
        if (source?.readyState === EventSource.CLOSED && !closed) {
          retryTimer = setTimeout(connect, retryMs)
          retryMs = Math.min(retryMs * 2, MAX_RETRY_MS)
        }
      }
    }
    connect()

    return () => {
      closed = true
      clearTimeout(retryTimer)
      batcher.cancel()
      source?.close()
    }
  }, [queryClient])

  return status
}
