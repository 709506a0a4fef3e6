import { queryKeys, unwrap, useApiMutation, useApiQuery } from '../../../api'
import type { Condition } from '../../../components/condition-builder/condition'
import type { AutomationBody } from './automation-types'

const automationsKey = ['automations'] as const
const byUid = (uid: string) => ({ params: { path: { uid } } })

/** `GET /automations`: the organization's rules, with their runs. */
export function useAutomations() {
  return useApiQuery(automationsKey, async (api) => (await unwrap(api.GET('/automations'))).items)
}

/** `POST /automations`. */
export function useCreateAutomation(onSaved: () => void) {
  return useApiMutation((api, body: AutomationBody) => unwrap(api.POST('/automations', { body })), {
    invalidates: [automationsKey],
    onSuccess: onSaved,
  })
}

/** `PATCH /automations/{uid}` with the whole rule, as the form edits all of it. */
export function useUpdateAutomation(onSaved: () => void) {
  return useApiMutation(
    (api, { uid, body }: { uid: string; body: AutomationBody }) =>
      unwrap(api.PATCH('/automations/{uid}', { ...byUid(uid), body })),
    { invalidates: [automationsKey], onSuccess: onSaved },
  )
}

/** `PATCH /automations/{uid}` with `enabled` only: the list's switch. */
export function useToggleAutomation() {
  return useApiMutation(
    (api, { uid, enabled }: { uid: string; enabled: boolean }) =>
      unwrap(api.PATCH('/automations/{uid}', { ...byUid(uid), body: { enabled } })),
    { invalidates: [automationsKey] },
  )
}

/** `DELETE /automations/{uid}`. */
export function useDeleteAutomation() {
  return useApiMutation(
    (api, uid: string) => unwrap(api.DELETE('/automations/{uid}', byUid(uid))),
    { invalidates: [automationsKey] },
  )
}

/**
 * A test-run: the open tasks a saved rule (`uid`) or an unsaved condition would touch now.
 * Tasks change all the time, so each press asks again: a mutation, not a cached query.
 */
export function useTestRun() {
  return useApiMutation((api, target: { uid: string } | { condition: Condition | null }) =>
    'uid' in target
      ? unwrap(api.POST('/automations/{uid}/test-run', byUid(target.uid)))
      : unwrap(api.POST('/automations/test-run', { body: { condition: target.condition } })),
  )
}

/** `GET /notification-channels`, for the notification action's channel picker. */
export function useNotificationChannels() {
  return useApiQuery(
    queryKeys.notificationChannels,
    async (api) => (await unwrap(api.GET('/notification-channels'))).items,
  )
}
