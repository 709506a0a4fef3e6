import { useState } from 'react'
import type { Webhook } from '../../../api'
import { formatDateTime } from '../../../ui/format'
import { ConfirmButton } from '../shared/confirm-button'
import { DeliveriesLog } from './deliveries-log'
import { WEBHOOK_EVENT_TYPES } from './webhook-events'
import { WebhookHealthFigures } from './webhook-health'
import { useResumeWebhook, useTestWebhook } from './webhooks-api'

export interface WebhookItemProps {
  webhook: Webhook
  busy: boolean
  onToggle: (active: boolean) => void
  onDelete: () => void
  onRotate: () => void
}

/** One webhook: where it posts, what it sends, its health, its switches, and its delivery log. */
export function WebhookItem({ webhook, busy, onToggle, onDelete, onRotate }: WebhookItemProps) {
  const [showLog, setShowLog] = useState(false)
  const resume = useResumeWebhook()
  const test = useTestWebhook()
  const logId = `deliveries-${webhook.uid}`
  return (
    <li className="panel st-webhook">
      <div className="st-webhook-head">
        <div className="st-webhook-target">
          <code className="st-url">{webhook.url}</code>
          {webhook.description ? <span className="st-sub">{webhook.description}</span> : null}
          <span className="st-sub">
            {webhook.events.length === WEBHOOK_EVENT_TYPES.length
              ? 'All events'
              : webhook.events.join(', ')}{' '}
            · created {formatDateTime(webhook.created_at)}
          </span>
        </div>
        <label className="st-check">
          <input
            type="checkbox"
            checked={webhook.active}
            disabled={busy}
            onChange={(event) => onToggle(event.target.checked)}
          />
          Active<span className="visually-hidden"> {webhook.url}</span>
        </label>
      </div>
      <WebhookHealthFigures health={webhook.health} />
      <div className="st-row-actions">
        <button
          type="button"
          className="button-secondary"
          disabled={test.isPending}
          onClick={() => test.mutate(webhook.uid)}
        >
          Send test event<span className="visually-hidden"> to {webhook.url}</span>
        </button>
        {webhook.health.state === 'paused' ? (
          <button
            type="button"
            className="button-secondary"
            disabled={resume.isPending}
            onClick={() => resume.mutate(webhook.uid)}
          >
            Resume<span className="visually-hidden"> {webhook.url}</span>
          </button>
        ) : null}
        <button
          type="button"
          className="button-secondary"
          aria-expanded={showLog}
          aria-controls={logId}
          onClick={() => setShowLog(!showLog)}
        >
          {showLog ? 'Hide deliveries' : 'Show deliveries'}
          <span className="visually-hidden"> of {webhook.url}</span>
        </button>
        <ConfirmButton
          question={`Replace the secret of ${webhook.url}? The old one stops working at once.`}
          disabled={busy}
          onConfirm={onRotate}
        >
          Rotate secret<span className="visually-hidden"> of {webhook.url}</span>
        </ConfirmButton>
        <ConfirmButton
          question={`Delete the webhook to ${webhook.url}? Pending deliveries are dropped.`}
          disabled={busy}
          onConfirm={onDelete}
        >
          Delete<span className="visually-hidden"> {webhook.url}</span>
        </ConfirmButton>
      </div>
      {test.data ? (
        <p className="st-sub" role="status" data-testid="webhook-test-result">
          {test.data.delivered
            ? `Test event delivered: HTTP ${test.data.response_status} in ${test.data.duration_ms} ms.`
            : `Test event failed: ${test.data.error ?? 'no answer'}.`}
        </p>
      ) : null}
      {test.error || resume.error ? (
        <p className="st-sub" role="alert">
          Could not reach the server; try again.
        </p>
      ) : null}
      <div id={logId}>{showLog ? <DeliveriesLog uid={webhook.uid} url={webhook.url} /> : null}</div>
    </li>
  )
}
