import {
  type CreateWebhookBody,
  queryKeys,
  unwrap,
  useApiMutation,
  useApiQuery,
  type WebhookWithSecret,
} from '../../../api'

const byUid = (uid: string) => ({ params: { path: { uid } } })

/** The organization's webhooks (`GET /webhooks`); secrets are never listed. */
export function useWebhooks() {
  return useApiQuery(queryKeys.webhooks, async (api) => (await unwrap(api.GET('/webhooks'))).items)
}

/** `POST /webhooks`: the answer holds the signing secret, shown this once. */
export function useCreateWebhook(onCreated: (webhook: WebhookWithSecret) => void) {
  return useApiMutation((api, body: CreateWebhookBody) => unwrap(api.POST('/webhooks', { body })), {
    invalidates: [queryKeys.webhooks],
    onSuccess: onCreated,
  })
}

/** `PATCH /webhooks/{uid}` (here: switching it on or off). */
export function useUpdateWebhook() {
  return useApiMutation(
    (api, { uid, active }: { uid: string; active: boolean }) =>
      unwrap(api.PATCH('/webhooks/{uid}', { ...byUid(uid), body: { active } })),
    { invalidates: [queryKeys.webhooks] },
  )
}

/** `DELETE /webhooks/{uid}`, with its delivery log. */
export function useDeleteWebhook() {
  return useApiMutation((api, uid: string) => unwrap(api.DELETE('/webhooks/{uid}', byUid(uid))), {
    invalidates: [queryKeys.webhooks],
  })
}

/** `POST /webhooks/{uid}/rotate-secret`: a new secret, shown this once. */
export function useRotateSecret(onRotated: (webhook: WebhookWithSecret) => void) {
  return useApiMutation(
    (api, uid: string) => unwrap(api.POST('/webhooks/{uid}/rotate-secret', byUid(uid))),
    { onSuccess: onRotated },
  )
}

/** The most recent deliveries of one webhook, newest first. */
export function useDeliveries(uid: string) {
  return useApiQuery(
    [...queryKeys.webhooks, uid, 'deliveries'],
    async (api) =>
      (
        await unwrap(
          api.GET('/webhooks/{uid}/deliveries', {
            params: { path: { uid }, query: { limit: 50 } },
          }),
        )
      ).items,
    // Deliveries change on their own (retries): keep the log current while it is open.
    { refetchInterval: 10_000 },
  )
}

/** `POST /webhooks/{uid}/resume`: a paused webhook sends again, its pending events first. */
export function useResumeWebhook() {
  return useApiMutation(
    (api, uid: string) => unwrap(api.POST('/webhooks/{uid}/resume', byUid(uid))),
    { invalidates: [queryKeys.webhooks] },
  )
}

/** `POST /webhooks/{uid}/test`: one signed test event now, and how it went. */
export function useTestWebhook() {
  return useApiMutation((api, uid: string) => unwrap(api.POST('/webhooks/{uid}/test', byUid(uid))))
}
