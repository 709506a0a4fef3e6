import { Calendar } from '../../contract/calendar'
import { errorResponses } from '../../contract/common'
import { AppError } from '../../contract/errors'
import { OrgSettings, UpdateOrgSettingsBody } from '../../contract/settings'
import { validateCalendar } from '../../core/calendar'
import { loadOrgRules, updateCalendar, updateOrgSettings } from '../../store/organizations'
import { principalOf } from '../plugins/auth'
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
    async (request) => (await loadOrgRules(db.pool, principalOf(request).orgUid)).settings,
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
    async (request) => updateOrgSettings(db.pool, principalOf(request).orgUid, request.body),
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
    async (request) => (await loadOrgRules(db.pool, principalOf(request).orgUid)).calendar,
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
    async (request) => {
      const problems = validateCalendar(request.body)
      if (problems.length > 0) {
        throw new AppError(
          'validation_failed',
          'The calendar is invalid.',
          problems.map((problem) => ({ ...problem, path: `/body${problem.path}` })),
        )
      }
      return updateCalendar(db.pool, principalOf(request).orgUid, request.body)
    },
  )
}
