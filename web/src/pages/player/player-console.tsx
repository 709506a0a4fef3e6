import { useEffect, useMemo, useState } from 'react'
import { type PlayerState, useQueues, useUsers } from '../../api'
import { ErrorNotice } from '../../ui/error-notice'
import { TaskHistory } from '../task/task-history'
import { CompletionForm } from './completion-form'
import { CurrentTask } from './current-task'
import { IdleStates } from './idle-states'
import { PlayerComments } from './player-comments'
import { PlayerControls } from './player-controls'
import { ShortcutLegend } from './shortcut-legend'
import { type PlayerCommand, usePlayerShortcuts } from './shortcuts'
import { SkipForm } from './skip-form'
import { useCompletion } from './use-completion'
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

/**
 * A playing session: the counter; the task in progress with the form to fill before Complete
 * and the controls, beside its comments and history; or, between tasks, what became of the
 * last one. Then the keyboard shortcuts.
 */
export function PlayerConsole({ player, session, current }: PlayerConsoleProps) {
  const queues = useQueues()
  const users = useUsers()
  const queueNames = useMemo(() => namesByUid(queues.data), [queues.data])
  const userNames = useMemo(() => namesByUid(users.data), [users.data])
  const completion = useCompletion(current, player.error)
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
    complete: current !== null && completion.blocker === null,
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
    if (command === 'complete') {
      player.complete(completion.formData())
    } else {
      player[command]()
    }
  }
  usePlayerShortcuts(onCommand, !skipping)

  const played = session.queue_uids
    ? (queues.data ?? [])
        .filter((queue) => session.queue_uids?.includes(queue.uid))
        .map((queue) => queue.name)
        .join(', ')
    : 'all your queues'
  const controls =
    skipping && current ? (
      <SkipForm
        busy={player.busy !== null}
        onCancel={() => setSkipping(false)}
        onSkip={(reason) => {
          setSkipping(false)
          player.skip(reason)
        }}
      />
    ) : (
      <PlayerControls
        player={player}
        allowed={allowed}
        onCommand={onCommand}
        completeBlocker={current ? completion.blocker : null}
      />
    )
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
      {current ? (
        <div className="player-grid">
          <div className="player-main">
            <CurrentTask task={current} hidden={completion.keys} />
            <CompletionForm completion={completion} />
            {controls}
          </div>
          <div className="player-side">
            <PlayerComments taskUid={current.uid} />
            <TaskHistory taskUid={current.uid} userNames={userNames} queueNames={queueNames} />
          </div>
        </div>
      ) : (
        <>
          <IdleStates player={player} lastUid={lastUid} />
          {controls}
          <WaitingTasks />
        </>
      )}
      <ShortcutLegend />
    </div>
  )
}
