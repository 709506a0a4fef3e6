import { Type } from '@sinclair/typebox'
import { createCalendar } from '../../app/create-calendar'
import { deleteCalendar } from '../../app/delete-calendar'
import { getCalendar, listCalendars } from '../../app/read-calendars'
import { updateCalendar } from '../../app/update-calendar'
import {
  CreateNamedCalendarBody,
  NamedCalendar,
  NamedCalendarList,
  UpdateNamedCalendarBody,
} from '../../contract/calendars'
import { errorResponses, UidParams } from '../../contract/common'
import { presentCalendar } from '../../presenters/calendar'
import { actingAs } from '../request-context'
import type { Api, RouteDeps } from '../types'

const errors = errorResponses(401, 403, 404, 409, 422)

/**
 * Named business calendars, which SLA policies count business time on (the organization
 * calendar, `/settings/calendar`, is the default). Admins write, all read.
 */
export function registerCalendarRoutes(api: Api, { db }: RouteDeps): void {
  api.get(
    '/calendars',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'The named calendars, by name',
        tags: ['settings'],
        response: { 200: NamedCalendarList, ...errors },
      },
    },
    async (request) => ({
      items: (await listCalendars(actingAs(request, db))).map(presentCalendar),
    }),
  )

  api.get(
    '/calendars/:uid',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'A named calendar',
        tags: ['settings'],
        params: UidParams,
        response: { 200: NamedCalendar, ...errors },
      },
    },
    async (request) =>
      presentCalendar(await getCalendar(actingAs(request, db), request.params.uid)),
  )

  api.post(
    '/calendars',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Create a named calendar',
        description:
          'A time zone, weekly hours and holidays, checked as `PUT /settings/calendar` checks them (422 naming each defect); 409 `name_taken` for a name in use.',
        tags: ['settings'],
        body: CreateNamedCalendarBody,
        response: { 200: NamedCalendar, ...errors },
      },
    },
    async (request) => presentCalendar(await createCalendar(actingAs(request, db), request.body)),
  )

  api.patch(
    '/calendars/:uid',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Change a named calendar',
        description:
          'Deadlines of tasks already in queues that use it are kept; tasks written from now on are counted on the new hours.',
        tags: ['settings'],
        params: UidParams,
        body: UpdateNamedCalendarBody,
        response: { 200: NamedCalendar, ...errors },
      },
    },
    async (request) =>
      presentCalendar(
        await updateCalendar(actingAs(request, db), request.params.uid, request.body),
      ),
  )

  api.delete(
    '/calendars/:uid',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Delete a named calendar',
        description:
          'Refused with 409 `calendar_in_use`, naming the queues, while a queue’s SLA policy names it.',
        tags: ['settings'],
        params: UidParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteCalendar(actingAs(request, db), request.params.uid)
      return reply.code(204).send(null)
    },
  )
}
