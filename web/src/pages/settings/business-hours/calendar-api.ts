import {
  type Calendar,
  type OrgSettings,
  queryKeys,
  unwrap,
  useApiMutation,
  useApiQuery,
} from '../../../api'

export type Weekday = keyof Calendar['weekly_hours']
export type Interval = Calendar['weekly_hours'][Weekday][number]

/** The business calendar (`GET /settings/calendar`). */
export function useCalendar() {
  return useApiQuery(queryKeys.calendar, (api) => unwrap(api.GET('/settings/calendar')))
}

/** `PUT /settings/calendar`: replaces it whole. */
export function useSaveCalendar(onSaved: () => void) {
  return useApiMutation(
    (api, body: Calendar) => unwrap(api.PUT('/settings/calendar', { body })),
    // Business-time metrics of every task depend on it.
    { invalidates: [queryKeys.calendar, queryKeys.tasks, queryKeys.dashboard], onSuccess: onSaved },
  )
}

/** `PATCH /settings`: the player's rules. */
export function useUpdateOrgSettings(onSaved: () => void) {
  return useApiMutation(
    (api, body: Partial<OrgSettings>) => unwrap(api.PATCH('/settings', { body })),
    { invalidates: [queryKeys.settings], onSuccess: onSaved },
  )
}
