import { useState } from 'react'
import type { WebhookWithSecret } from '../../../api'
import { EmptyState } from '../../../ui/empty-state'
import { ErrorNotice } from '../../../ui/error-notice'
import { QueryStatus } from '../../../ui/query-status'
import { SecretNotice } from '../shared/secret-notice'
import { CreateWebhookForm } from './create-webhook-form'
import { WebhookItem } from './webhook-item'
import { useDeleteWebhook, useRotateSecret, useUpdateWebhook, useWebhooks } from './webhooks-api'

/** Settings > Webhooks: URLs that receive task events, signed with a per-webhook secret. */
export function WebhooksSection() {
  const webhooks = useWebhooks()
  const [secret, setSecret] = useState<WebhookWithSecret | null>(null)
  const update = useUpdateWebhook()
  const remove = useDeleteWebhook()
  const rotate = useRotateSecret(setSecret)
  const failure = update.error ?? remove.error ?? rotate.error
  const isBusy = (uid: string) =>
    (update.isPending && update.variables?.uid === uid) ||
    (remove.isPending && remove.variables === uid) ||
    (rotate.isPending && rotate.variables === uid)
  return (
    <section className="st-section" aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Webhooks</h2>
      <p className="st-lead">
        Each event is POSTed as JSON and signed with the webhook's secret in the{' '}
        <code>x-tessera-signature</code> header (HMAC-SHA256 of the timestamp and body).
      </p>
      <CreateWebhookForm onCreated={setSecret} />
      {secret ? (
        <SecretNotice
          title={`Signing secret of ${secret.url}.`}
          secret={secret.secret}
          testId="webhook-secret"
          onDismiss={() => setSecret(null)}
        />
      ) : null}
      {failure ? <ErrorNotice error={failure} action="Could not change the webhook" /> : null}
      <QueryStatus
        query={webhooks}
        loading="Loading webhooks"
        failed="Could not load the webhooks"
      />
      {webhooks.data?.length === 0 ? (
        <EmptyState title="No webhooks yet">
          Add a URL above to be told when tasks change.
        </EmptyState>
      ) : null}
      {webhooks.data && webhooks.data.length > 0 ? (
        <ul className="st-webhooks">
          {webhooks.data.map((webhook) => (
            <WebhookItem
              key={webhook.uid}
              // Show the switch flipped at once; the refetch after it confirms it.
              webhook={
                update.isPending && update.variables?.uid === webhook.uid
                  ? { ...webhook, active: update.variables.active }
                  : webhook
              }
              busy={isBusy(webhook.uid)}
              onToggle={(active) => update.mutate({ uid: webhook.uid, active })}
              onDelete={() => remove.mutate(webhook.uid)}
              onRotate={() => rotate.mutate(webhook.uid)}
            />
          ))}
        </ul>
      ) : null}
    </section>
  )
}
