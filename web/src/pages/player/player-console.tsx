import { useEffect, useMemo, useState } from 'react'
import { type PlayerState, useQueues, useUsers } from '../../api'
import { EmptyState } from '../../ui/empty-state'
import { ErrorNotice } from '../../ui/error-notice'
import { TaskHistory } from '../task/task-history'
import { CurrentTask } from './current-task'
import { LastTask } from './last-task'
import { PlayerComments } from './player-comments'
import { PlayerControls } from './player-controls'
import { ShortcutLegend } from './shortcut-legend'
import { type PlayerCommand, usePlayerShortcuts } from './shortcuts'
import { SkipForm } from './skip-form'
import type { Player } from './use-player'
import { WaitingTasks } from './waiting-tasks'

function namesByUid(items: { uid: string; name: string }[] | undefined): Map<string, string> {
  return new Map((items ?? []).map((item) => [item.uid, item.name]))
}

/** Props of {@link PlayerConsole}. */
export interface PlayerConsoleProps {
  player: Player
  session: NonNullable<PlayerState['session']>
  current: PlayerState['current']
}

/** A playing session: the counter, the task in progress, the controls and their shortcuts. */
export function PlayerConsole({ player, session, current }: PlayerConsoleProps) {
  const queues = useQueues()
  const users = useUsers()
  const queueNames = useMemo(() => namesByUid(queues.data), [queues.data])
  const userNames = useMemo(() => namesByUid(users.data), [users.data])
  const [skipping, setSkipping] = useState(false)
  // The task last in progress: when it leaves without a move of ours, the player says why.
  const [lastUid, setLastUid] = useState<string | null>(null)
  const currentUid = current?.uid ?? null
  useEffect(() => {
    if (currentUid) {
      setLastUid(currentUid)
    }
  }, [currentUid])
  const allowed: Record<PlayerCommand, boolean> = {
    complete: current !== null,
    next: current === null,
    pause: current !== null,
    skip: current !== null,
    stop: true,
  }
  const onCommand = (command: PlayerCommand) => {
    if (!allowed[command] || player.busy) {
      return
    }
    if (command === 'skip') {
      setSkipping(true)
      return
    }
    setSkipping(false)
    player[command]()
  }
  usePlayerShortcuts(onCommand, !skipping)

  const played = session.queue_uids
    ? (queues.data ?? [])
        .filter((queue) => session.queue_uids?.includes(queue.uid))
        .map((queue) => queue.name)
        .join(', ')
    : 'all your queues'
  return (
    <div className="player-console">
      <div className="player-status">
        <p>
          Playing <strong>{played || '…'}</strong>
        </p>
        <p className="counter" role="status" data-testid="player-counter">
          Tasks done this session: <strong>{session.completed}</strong>
        </p>
      </div>
      {player.error ? (
        <ErrorNotice error={player.error} action="The player could not do that" />
      ) : null}
      {current ? <CurrentTask task={current} /> : null}
      {!current && lastUid ? <LastTask taskUid={lastUid} /> : null}
      {!current && player.empty && player.skippedAvailable > 0 ? (
        <EmptyState title="Only tasks you skipped are left">
          <p>
            {player.skippedAvailable === 1
              ? 'One task you skipped in this session is waiting.'
              : `${player.skippedAvailable} tasks you skipped in this session are waiting.`}{' '}
            Next (n) checks for other work first.
          </p>
          <button
            type="button"
            className="button-secondary"
            disabled={player.busy !== null}
            onClick={player.nextSkipped}
          >
            Take a skipped task
          </button>
        </EmptyState>
      ) : null}
      {!current && player.empty && player.skippedAvailable === 0 ? (
        <EmptyState title="Nothing to do right now">
          <p>No task is waiting in your queues. Press Next (n) to check again.</p>
        </EmptyState>
      ) : null}
      {!current && !player.empty ? (
        <EmptyState title="No task in progress">
          <p>Press Next (n) to take the most urgent task.</p>
        </EmptyState>
      ) : null}
      {skipping && current ? (
        <SkipForm
          busy={player.busy !== null}
          onCancel={() => setSkipping(false)}
          onSkip={(reason) => {
            setSkipping(false)
            player.skip(reason)
          }}
        />
      ) : (
        <PlayerControls player={player} allowed={allowed} onCommand={onCommand} />
      )}
      {current ? <PlayerComments taskUid={current.uid} /> : null}
      {current ? (
        <TaskHistory taskUid={current.uid} userNames={userNames} queueNames={queueNames} />
      ) : null}
      {!current ? <WaitingTasks /> : null}
      <ShortcutLegend />
    </div>
  )
}
