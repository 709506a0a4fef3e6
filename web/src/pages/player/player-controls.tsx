import { type PlayerCommand, SHORTCUTS } from './shortcuts'
import type { Player } from './use-player'

const LABELS: Record<PlayerCommand, string> = {
  complete: 'Complete',
  next: 'Next',
  pause: 'Pause',
  skip: 'Skip',
  stop: 'Stop',
}

/** Props of {@link PlayerControls}. */
export interface PlayerControlsProps {
  player: Player
  /** Which commands make sense now (Next only without a task in progress, and so on). */
  allowed: Record<PlayerCommand, boolean>
  onCommand: (command: PlayerCommand) => void
  /** Why Complete waits (fields of the form to fill), shown beside it. */
  completeBlocker?: string | null
}

/** The player's buttons, each showing its keyboard shortcut. */
export function PlayerControls({
  player,
  allowed,
  onCommand,
  completeBlocker,
}: PlayerControlsProps) {
  return (
    <div className="player-controls-bar">
      <div className="player-controls" role="toolbar" aria-label="Player">
        {(Object.keys(LABELS) as PlayerCommand[]).map((command) => (
          <button
            key={command}
            type="button"
            className={command === 'complete' ? 'button-primary' : 'button-secondary'}
            aria-keyshortcuts={SHORTCUTS[command]}
            aria-describedby={
              command === 'complete' && completeBlocker ? 'complete-blocker' : undefined
            }
            disabled={!allowed[command] || player.busy !== null}
            onClick={() => onCommand(command)}
          >
            {LABELS[command]}
            <span className="kbd" aria-hidden="true">
              {SHORTCUTS[command]}
            </span>
          </button>
        ))}
      </div>
      {completeBlocker ? (
        <p id="complete-blocker" className="complete-blocker" role="status">
          {completeBlocker}
        </p>
      ) : null}
    </div>
  )
}
