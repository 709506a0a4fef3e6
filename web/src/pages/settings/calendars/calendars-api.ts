import { queryKeys, type Schema, unwrap, useApiMutation, useApiQuery } from '../../../api'

/** A named business calendar (`GET /calendars`), which SLA policies may count on. */
export type NamedCalendar = Schema<'NamedCalendar'>
export type NamedCalendarBody = Schema<'CreateNamedCalendarBody'>

const calendarsKey = ['calendars'] as const

/** `GET /calendars`: the organization's named calendars, by name. */
export function useNamedCalendars() {
  return useApiQuery(calendarsKey, async (api) => (await unwrap(api.GET('/calendars'))).items)
}

// Deadlines of tasks written from now on depend on a calendar; queues show which they use.
const invalidates = [calendarsKey, queryKeys.queues]

/** `POST /calendars`. */
export function useCreateNamedCalendar(onSaved: () => void) {
  return useApiMutation(
    (api, body: NamedCalendarBody) => unwrap(api.POST('/calendars', { body })),
    { invalidates, onSuccess: onSaved },
  )
}

/** `PATCH /calendars/{uid}`. */
export function useUpdateNamedCalendar(onSaved: () => void) {
  return useApiMutation(
    (api, { uid, body }: { uid: string; body: NamedCalendarBody }) =>
      unwrap(api.PATCH('/calendars/{uid}', { params: { path: { uid } }, body })),
    { invalidates, onSuccess: onSaved },
  )
}

/** `DELETE /calendars/{uid}`: refused (409) while a queue's SLA policy uses it. */
export function useDeleteNamedCalendar() {
  return useApiMutation(
    (api, uid: string) => unwrap(api.DELETE('/calendars/{uid}', { params: { path: { uid } } })),
    { invalidates },
  )
}
