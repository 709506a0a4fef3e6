import type { Webhook } from '../../../api'
import { formatDateTime } from '../../../ui/format'

const STATE_LABELS: Record<Webhook['health']['state'], string> = {
  healthy: 'Healthy',
  failing: 'Failing, backing off',
  paused: 'Paused after repeated failures',
  inactive: 'Inactive',
}

/** A lag in words: seconds, minutes or hours, whichever reads best. */
export function formatLag(seconds: number): string {
  if (seconds < 60) {
    return `${Math.round(seconds)} s`
  }
  if (seconds < 3600) {
    return `${Math.round(seconds / 60)} min`
  }
  return `${(seconds / 3600).toFixed(1)} h`
}

/** How an endpoint's deliveries are going: state, pending count, lag, last success and error. */
export function WebhookHealthFigures({ health }: { health: Webhook['health'] }) {
  return (
    <dl className="st-webhook-health" data-testid="webhook-health">
      <div>
        <dt>State</dt>
        <dd data-state={health.state}>
          {STATE_LABELS[health.state]}
          {health.consecutive_failures > 0
            ? ` (${health.consecutive_failures} failures in a row)`
            : ''}
        </dd>
      </div>
      <div>
        <dt>Pending</dt>
        <dd>{health.pending}</dd>
      </div>
      <div>
        <dt>Lag</dt>
        <dd>{health.pending > 0 ? formatLag(health.lag_seconds) : 'none'}</dd>
      </div>
      <div>
        <dt>Last success</dt>
        <dd>{health.last_success_at ? formatDateTime(health.last_success_at) : 'never'}</dd>
      </div>
      <div>
        <dt>Last error</dt>
        <dd>
          {health.last_error && health.last_error_at
            ? `${formatDateTime(health.last_error_at)}: ${health.last_error}`
            : 'none'}
        </dd>
      </div>
    </dl>
  )
}
