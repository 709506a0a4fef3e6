import { Type } from '@sinclair/typebox'
import { createAutomation } from '../../app/create-automation'
import { deleteAutomation } from '../../app/delete-automation'
import {
  getAutomation,
  listAutomations,
  testRunAutomation,
  testRunCondition,
} from '../../app/read-automations'
import { updateAutomation } from '../../app/update-automation'
import {
  Automation,
  AutomationTestRun,
  CreateAutomationBody,
  UpdateAutomationBody,
} from '../../contract/automations'
import { errorResponses, UidParams } from '../../contract/common'
import { Condition } from '../../contract/conditions'
import { presentAutomation } from '../../presenters/automation'
import { actingAs } from '../request-context'
import type { Api, RouteDeps } from '../types'

const errors = errorResponses(401, 403, 404, 409, 422)

const RULES = `A rule says when (\`trigger\`: \`{"kind": "event", "on": ["created", "updated", "assigned", "completed", "commented"]}\`, or \`{"kind": "time", "anchor": "sla_due_at", "offset_minutes": -60}\`), if (\`condition\`, as in POST /tasks/query; null: always) and then (\`actions\`: set_field, set_status, set_priority, route, assign, unassign, add_comment, send_notification, call_webhook). Event rules run right after the change (durably queued with it); time rules fire once per task and moment within a minute of it. Changes made by rules name the rule in the task's history (\`automation_uid\`); rules triggered by rules stop 3 deep (counted in \`skipped_loops\`), and a rule runs at most 1,000 times a minute (\`skipped_rate\`). See docs/AUTOMATIONS.md.`

/** Automations: admins define rules that act on tasks when something happens or a time comes. */
export function registerAutomationRoutes(api: Api, { db }: RouteDeps): void {
  api.get(
    '/automations',
    {
      config: { role: 'admin' },
      schema: {
        summary: "The organization's automations",
        description: RULES,
        tags: ['automations'],
        response: { 200: Type.Object({ items: Type.Array(Automation) }), ...errors },
      },
    },
    async (request) => ({
      items: (await listAutomations(actingAs(request, db))).map(presentAutomation),
    }),
  )

  api.post(
    '/automations',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Create an automation',
        description: RULES,
        tags: ['automations'],
        body: CreateAutomationBody,
        response: { 200: Automation, ...errors },
      },
    },
    async (request) =>
      presentAutomation(await createAutomation(actingAs(request, db), request.body)),
  )

  api.post(
    '/automations/test-run',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Test-run an unsaved condition',
        description:
          'Which open tasks (not DONE, not archived) a rule with this `condition` would touch now: the first 50 and the total. Changes nothing.',
        tags: ['automations'],
        body: Type.Object({ condition: Type.Union([Condition, Type.Null()]) }),
        response: { 200: AutomationTestRun, ...errors },
      },
    },
    async (request) => testRunCondition(actingAs(request, db), request.body.condition),
  )

  api.get(
    '/automations/:uid',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'An automation',
        tags: ['automations'],
        params: UidParams,
        response: { 200: Automation, ...errors },
      },
    },
    async (request) =>
      presentAutomation(await getAutomation(actingAs(request, db), request.params.uid)),
  )

  api.patch(
    '/automations/:uid',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Change an automation',
        description:
          'A new `trigger` of a time rule counts its moments from now: past moments do not fire.',
        tags: ['automations'],
        params: UidParams,
        body: UpdateAutomationBody,
        response: { 200: Automation, ...errors },
      },
    },
    async (request) =>
      presentAutomation(
        await updateAutomation(actingAs(request, db), request.params.uid, request.body),
      ),
  )

  api.delete(
    '/automations/:uid',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Delete an automation',
        description: 'What it did stays in the tasks’ history.',
        tags: ['automations'],
        params: UidParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteAutomation(actingAs(request, db), request.params.uid)
      return reply.code(204).send(null)
    },
  )

  api.post(
    '/automations/:uid/test-run',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Test-run an automation',
        description:
          'Which open tasks (not DONE, not archived) the rule would touch now, by its condition: the first 50 and the total. Changes nothing.',
        tags: ['automations'],
        params: UidParams,
        response: { 200: AutomationTestRun, ...errors },
      },
    },
    async (request) => testRunAutomation(actingAs(request, db), request.params.uid),
  )
}
