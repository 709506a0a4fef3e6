import { exportAudit, listAudit } from '../../app/read-audit'
import { AuditPage, ExportAuditQuery, ListAuditQuery } from '../../contract/audit'
import { errorResponses } from '../../contract/common'
import { auditCsvStream, presentAuditEvent } from '../../presenters/audit-event'
import { actingAs } from '../request-context'
import type { Api, RouteDeps } from '../types'

const CSV = 'text/csv; charset=utf-8'

const FILTERS =
  'Filters (all optional, AND-ed): `actor_uid`, `action` and `kind` (comma-separated lists), `object_uid`, and the time range `occurred_after` (inclusive) / `occurred_before` (exclusive).'

/**
 * The audit log, read-only: no route changes or deletes an entry (entries leave only by the
 * organization's retention, `audit_retention_days` in PATCH /settings).
 */
export function registerAuditRoutes(api: Api, { db }: RouteDeps): void {
  api.get(
    '/audit',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'The audit log: who changed what, when, from where',
        description: `Changes to the organization's configuration and people (users, tokens, queues, calendar, settings, webhooks, fields, forms, shared views) and sign-ins, newest first, each with its actor, request id, client IP and the before/after of what changed, secrets redacted. ${FILTERS} Keyset pagination: follow \`next_cursor\`. Admins only.`,
        tags: ['audit'],
        querystring: ListAuditQuery,
        response: { 200: AuditPage, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => {
      const page = await listAudit(actingAs(request, db), request.query)
      return {
        items: page.events.map(presentAuditEvent),
        meta: { limit: page.limit, next_cursor: page.nextCursor },
      }
    },
  )

  api.get(
    '/audit/export',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Export the audit log as CSV',
        description: `Every entry the filters match (not one page), newest first, streamed: UTF-8 with a byte-order mark and a header row; \`before\` and \`after\` hold JSON. ${FILTERS} Admins only.`,
        tags: ['audit'],
        querystring: ExportAuditQuery,
        produces: [CSV],
        response: {
          200: {
            description: 'The file, streamed.',
            content: { [CSV]: { schema: { type: 'string' } } },
          },
          ...errorResponses(401, 403, 422),
        },
      },
    },
    async (request, reply) => {
      const pages = await exportAudit(actingAs(request, db), request.query)
      const day = new Date().toISOString().slice(0, 10)
      return reply
        .type(CSV)
        .header('content-disposition', `attachment; filename="audit-${day}.csv"`)
        .send(auditCsvStream(pages))
    },
  )
}
