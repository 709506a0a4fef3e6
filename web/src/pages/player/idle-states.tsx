import { EmptyState } from '../../ui/empty-state'
import { LastTask } from './last-task'
import type { Player } from './use-player'

/**
 * What the player shows with no task in progress: what became of the last one, whether only
 * skipped tasks are left, or that nothing is waiting.
 */
export function IdleStates({ player, lastUid }: { player: Player; lastUid: string | null }) {
  return (
    <>
      {lastUid ? <LastTask taskUid={lastUid} /> : null}
      {player.empty && player.skippedAvailable > 0 ? (
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
      {player.empty && player.skippedAvailable === 0 ? (
        <EmptyState title="Nothing to do right now">
          <p>No task is waiting in your queues. Press Next (n) to check again.</p>
        </EmptyState>
      ) : null}
      {player.empty ? null : (
        <EmptyState title="No task in progress">
          <p>Press Next (n) to take the most urgent task.</p>
        </EmptyState>
      )}
    </>
  )
}
