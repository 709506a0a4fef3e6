import { type FormEvent, useId, useState } from 'react'
import type { WebhookEventType, WebhookWithSecret } from '../../../api'
import { ErrorNotice } from '../../../ui/error-notice'
import { fieldErrorsOf, messageAt } from '../shared/field-errors'
import { errorProps, FormError } from '../shared/form-error'
import { WEBHOOK_EVENT_TYPES } from './webhook-events'
import { useCreateWebhook } from './webhooks-api'

/** Subscribes a URL to some task events (all of them unless narrowed). */
export function CreateWebhookForm({
  onCreated,
}: {
  onCreated: (webhook: WebhookWithSecret) => void
}) {
  const [url, setUrl] = useState('')
  const [description, setDescription] = useState('')
  const [events, setEvents] = useState<WebhookEventType[]>([...WEBHOOK_EVENT_TYPES])
  const create = useCreateWebhook((webhook) => {
    setUrl('')
    setDescription('')
    setEvents([...WEBHOOK_EVENT_TYPES])
    onCreated(webhook)
  })
  const id = useId()
  const errors = fieldErrorsOf(create.error)
  const urlError = messageAt(errors, '/body/url')
  const eventsError =
    messageAt(errors, '/body/events') ??
    (events.length === 0 ? 'Pick at least one event' : undefined)

  const toggle = (type: WebhookEventType, on: boolean) =>
    setEvents(WEBHOOK_EVENT_TYPES.filter((t) => (t === type ? on : events.includes(t))))

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (events.length > 0) {
      create.mutate({ url: url.trim(), events, ...(description ? { description } : {}) })
    }
  }

  return (
    <form className="st-form" onSubmit={submit} aria-label="New webhook">
      <div className="st-grid-form">
        <div className="st-field">
          <label htmlFor={`${id}-url`}>URL</label>
          <input
            id={`${id}-url`}
            type="url"
            required
            value={url}
            placeholder="https://example.com/hooks/tessera"
            onChange={(event) => setUrl(event.target.value)}
            {...errorProps(`${id}-url-error`, urlError)}
          />
          <FormError id={`${id}-url-error`} message={urlError} />
        </div>
        <div className="st-field">
          <label htmlFor={`${id}-description`}>Description (optional)</label>
          <input
            id={`${id}-description`}
            type="text"
            maxLength={1000}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
        </div>
      </div>
      <fieldset
        className="st-fieldset"
        aria-describedby={eventsError ? `${id}-events-error` : undefined}
      >
        <legend>Events</legend>
        <ul className="st-checkbox-grid">
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <li key={type}>
              <label className="st-check">
                <input
                  type="checkbox"
                  checked={events.includes(type)}
                  onChange={(event) => toggle(type, event.target.checked)}
                />
                <code>{type}</code>
              </label>
            </li>
          ))}
        </ul>
        <FormError id={`${id}-events-error`} message={eventsError} />
      </fieldset>
      {create.error && !urlError ? (
        <ErrorNotice error={create.error} action="Could not create the webhook" />
      ) : null}
      <div className="st-form-actions">
        <button
          type="submit"
          className="button-primary"
          disabled={create.isPending || events.length === 0}
        >
          Create webhook
        </button>
      </div>
    </form>
  )
}
