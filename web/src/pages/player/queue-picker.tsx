import { type FormEvent, useState } from 'react'
import { useQueueStats, useQueues } from '../../api'
import { EmptyState } from '../../ui/empty-state'
import { ErrorNotice } from '../../ui/error-notice'
import { formatCount } from '../../ui/format'
import { Loading } from '../../ui/loading'

/** Props of {@link QueuePicker}. */
export interface QueuePickerProps {
  onStart: (queueUids: string[] | null) => void
  busy: boolean
}

/** Choose the queues to play (none ticked: every queue you may work) and start. */
export function QueuePicker({ onStart, busy }: QueuePickerProps) {
  const queues = useQueues()
  const stats = useQueueStats()
  const [picked, setPicked] = useState<string[]>([])
  const openCount = (uid: string) => stats.data?.find((line) => line.queue_uid === uid)?.open

  const submit = (event: FormEvent) => {
    event.preventDefault()
    onStart(picked.length > 0 ? picked : null)
  }
  const toggle = (uid: string, on: boolean) =>
    setPicked((current) => (on ? [...current, uid] : current.filter((other) => other !== uid)))

  if (queues.isPending) {
    return <Loading label="Loading queues" />
  }
  if (queues.isError) {
    return <ErrorNotice error={queues.error} action="Could not load the queues" />
  }
  if (queues.data.length === 0) {
    return (
      <EmptyState title="No queues to play">
        <p>The player hands out tasks from queues; an admin creates them in Settings › Queues.</p>
      </EmptyState>
    )
  }
  return (
    <form className="panel queue-picker" onSubmit={submit}>
      <fieldset>
        <legend>Queues to play</legend>
        <p className="muted small">Tick none to play every queue you may work.</p>
        <ul className="checkbox-list">
          {queues.data.map((queue) => {
            const open = openCount(queue.uid)
            return (
              <li key={queue.uid}>
                <label>
                  <input
                    type="checkbox"
                    checked={picked.includes(queue.uid)}
                    onChange={(event) => toggle(queue.uid, event.target.checked)}
                  />
                  {queue.name}
                  {open === undefined ? null : (
                    <span className="muted small"> · {formatCount(open)} open</span>
                  )}
                </label>
              </li>
            )
          })}
        </ul>
      </fieldset>
      <button type="submit" className="button-primary" disabled={busy}>
        {busy ? 'Starting…' : 'Start'}
      </button>
    </form>
  )
}
