import { useCan } from '../../auth/auth-context'
import { usePageTitle } from '../../layout/use-page-title'
import { EmptyState } from '../../ui/empty-state'
import { ErrorNotice } from '../../ui/error-notice'
import { Loading } from '../../ui/loading'
import { PlayerConsole } from './player-console'
import { QueuePicker } from './queue-picker'
import { usePlayer } from './use-player'
import './player.css'

/**
 * The player: pick queues and start; the app then hands out one task after another, opens
 * each task's url in a tab, and shows the task with its controls.
 */
export function PlayerPage() {
  usePageTitle('Player')
  const canPlay = useCan('operator')
  return (
    <section className="page player-page" aria-labelledby="player-title">
      <h1 id="player-title">Player</h1>
      {canPlay ? (
        <PlayerBody />
      ) : (
        <EmptyState title="Your role cannot work tasks">
          <p>The player is for operators and above. Ask an admin to change your role.</p>
        </EmptyState>
      )}
    </section>
  )
}

function PlayerBody() {
  const player = usePlayer()
  if (player.loading) {
    return <Loading label="Loading your session" />
  }
  if (player.loadError || !player.state) {
    return <ErrorNotice error={player.loadError} action="Could not load the player" />
  }
  const { session, current } = player.state
  if (!session) {
    return (
      <>
        {player.error ? <ErrorNotice error={player.error} action="Could not start" /> : null}
        <QueuePicker onStart={player.start} busy={player.busy !== null} />
      </>
    )
  }
  return <PlayerConsole player={player} session={session} current={current} />
}
