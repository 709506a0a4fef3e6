import { getCalendar, getSettings } from '../../app/read-settings'
import { replaceCalendar } from '../../app/replace-calendar'
import { updateSettings } from '../../app/update-settings'
import { Calendar } from '../../contract/calendar'
import { errorResponses } from '../../contract/common'
import { OrgSettings, UpdateOrgSettingsBody } from '../../contract/settings'
import { actingAs } from '../request-context'
import type { Api, RouteDeps } from '../types'

const errors = errorResponses(401, 403, 422)

/** Organization settings: the player's rules and the business calendar. */
export function registerSettingsRoutes(api: Api, { db }: RouteDeps): void {
  api.get(
    '/settings',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Player settings',
        tags: ['settings'],
        response: { 200: OrgSettings, ...errors },
      },
    },
    async (request) => getSettings(actingAs(request, db)),
  )

  api.patch(
    '/settings',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Change player settings',
        tags: ['settings'],
        body: UpdateOrgSettingsBody,
        response: { 200: OrgSettings, ...errors },
      },
    },
    async (request) => updateSettings(actingAs(request, db), request.body),
  )

  api.get(
    '/settings/calendar',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'The business calendar (time zone, weekly hours, holidays)',
        tags: ['settings'],
        response: { 200: Calendar, ...errors },
      },
    },
    async (request) => getCalendar(actingAs(request, db)),
  )

  api.put(
    '/settings/calendar',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Replace the business calendar',
        description:
          'Business-hours metrics and SLA times of tasks routed from now on use it; existing SLA times are kept.',
        tags: ['settings'],
        body: Calendar,
        response: { 200: Calendar, ...errors },
      },
    },
    async (request) => replaceCalendar(actingAs(request, db), request.body),
  )
}
