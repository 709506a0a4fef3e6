import { SHORTCUTS } from './shortcuts'

const MEANINGS = {
  complete: 'Complete the task and take the next',
  next: 'Take the next task',
  pause: 'Pause: the task stays yours',
  skip: 'Skip, with a reason',
  stop: 'Stop playing: your unfinished tasks go back',
} as const

/** The player's keyboard shortcuts, on screen. */
export function ShortcutLegend() {
  return (
    <section className="panel shortcuts" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <dl>
        {Object.entries(MEANINGS).map(([command, meaning]) => (
          <div key={command} className="shortcut">
            <dt>
              <kbd>{SHORTCUTS[command as keyof typeof SHORTCUTS]}</kbd>
            </dt>
            <dd>{meaning}</dd>
          </div>
        ))}
        <div className="shortcut">
          <dt>
            <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
          </dt>
          <dd>Post the comment being typed</dd>
        </div>
        <div className="shortcut">
          <dt>
            <kbd>Esc</kbd>
          </dt>
          <dd>Leave a text box: letters are shortcuts again</dd>
        </div>
      </dl>
      <p className="muted small">Letters typed in a text box or the form are never shortcuts.</p>
    </section>
  )
}
