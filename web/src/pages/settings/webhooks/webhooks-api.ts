import { apiRequest, queryKeys, useApiMutation, useApiQuery } from '../../../api'
import type { NewWebhook, Webhook, WebhookDelivery, WebhookWithSecret } from './webhook-types'

const path = (uid: string) => `/webhooks/${encodeURIComponent(uid)}`

/** The organization's webhooks (`GET /webhooks`); secrets are never listed. */
export function useWebhooks() {
  return useApiQuery(
    queryKeys.webhooks,
    async () => (await apiRequest<{ items: Webhook[] }>('/webhooks')).items,
  )
}

/** `POST /webhooks`: the answer holds the signing secret, shown this once. */
export function useCreateWebhook(onCreated: (webhook: WebhookWithSecret) => void) {
  return useApiMutation(
    (_api, body: NewWebhook) =>
      apiRequest<WebhookWithSecret>('/webhooks', { method: 'POST', body }),
    { invalidates: [queryKeys.webhooks], onSuccess: onCreated },
  )
}

/** `PATCH /webhooks/{uid}` (here: switching it on or off). */
export function useUpdateWebhook() {
  return useApiMutation(
    (_api, { uid, active }: { uid: string; active: boolean }) =>
      apiRequest<Webhook>(path(uid), { method: 'PATCH', body: { active } }),
    { invalidates: [queryKeys.webhooks] },
  )
}

/** `DELETE /webhooks/{uid}`, with its delivery log. */
export function useDeleteWebhook() {
  return useApiMutation((_api, uid: string) => apiRequest<void>(path(uid), { method: 'DELETE' }), {
    invalidates: [queryKeys.webhooks],
  })
}

/** `POST /webhooks/{uid}/rotate-secret`: a new secret, shown this once. */
export function useRotateSecret(onRotated: (webhook: WebhookWithSecret) => void) {
  return useApiMutation(
    (_api, uid: string) =>
      apiRequest<WebhookWithSecret>(`${path(uid)}/rotate-secret`, { method: 'POST' }),
    { onSuccess: onRotated },
  )
}

/** The most recent deliveries of one webhook, newest first. */
export function useDeliveries(uid: string) {
  return useApiQuery(
    [...queryKeys.webhooks, uid, 'deliveries'],
    async () =>
      (await apiRequest<{ items: WebhookDelivery[] }>(`${path(uid)}/deliveries?limit=50`)).items,
    // Deliveries change on their own (retries): keep the log current while it is open.
    { refetchInterval: 10_000 },
  )
}
