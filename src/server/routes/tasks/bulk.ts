import { applyBulkAction } from '../../../app/apply-bulk-action'
import { undoBulkAction } from '../../../app/undo-bulk-action'
import {
  BULK_CHUNK_SIZE,
  BULK_UNDO_DAYS,
  BulkActionBody,
  BulkActionResult,
  BulkUndoResult,
  MAX_BULK_UIDS,
} from '../../../contract/bulk'
import { errorResponses, UidParams } from '../../../contract/common'
import { actingAs } from '../../request-context'
import type { Api, RouteDeps } from '../../types'

const DESCRIPTION = [
  `Applies one action to a selection: \`uids\` (at most ${MAX_BULK_UIDS}, more is a 422 and changes nothing), all changed in one transaction; or \`filter\`, every task GET /tasks would list with these parameters (not one page), walked in uid order ${BULK_CHUNK_SIZE} tasks per request, each request one transaction.`,
  `While \`next\` is not null, send the same body with \`selection.after = next\` to go on: \`processed / matched_total\` is the progress, \`changed\`, \`unchanged\` and \`processed\` count over every request, \`failed\` lists this request's tasks only.`,
  'Each task goes through the same rules as the single-task calls (assign, unassign, route, PATCH) and gets the same history entries and webhook events. A task the action cannot apply to (STARTED without an assignee, an assignee who cannot work tasks, a second started task for one person, snoozing a finished task) is listed in `failed` and left alone; so is a uid that names no task of your organization (`not_found`). A task already as the action would leave it counts as `unchanged`, with no history entry. A wrong action is a 422 naming its key, before anything changes.',
  `\`undo_uid\` reverts what this bulk action changed, for ${BULK_UNDO_DAYS} days: POST /tasks/bulk/{undo_uid}/undo.`,
].join('\n\n')

const UNDO_DESCRIPTION = [
  `Puts the tasks a bulk action changed back as they were, ${BULK_CHUNK_SIZE} per call (each one transaction): call again while \`remaining\` is above 0. Only the values the action changed are restored, and only on tasks nobody changed since; the others are listed in \`skipped\` with the reason (\`version_conflict\`: changed since), as are tasks whose old assignee can no longer be given tasks or whose old queue is gone. A status goes back through the usual lifecycle: a task started again starts a new work interval now.`,
  `Every task restored gets its history entries and webhook events, with you as actor. The first call also stops the bulk action: a filter's walk cannot go on once undone. Any admin may undo any bulk action of the organization of the last ${BULK_UNDO_DAYS} days; an older or unknown uid is a 404.`,
].join('\n\n')

/** Bulk actions on tasks, and their undo (admins, like assigning and routing by hand). */
export function registerBulkTaskRoutes(api: Api, { db }: RouteDeps): void {
  api.post(
    '/tasks/bulk',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Apply one action to many tasks',
        description: DESCRIPTION,
        tags: ['tasks'],
        body: BulkActionBody,
        response: { 200: BulkActionResult, ...errorResponses(401, 403, 413, 422) },
      },
    },
    async (request) => applyBulkAction(actingAs(request, db), request.body),
  )

  api.post(
    '/tasks/bulk/:uid/undo',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Undo a bulk action',
        description: UNDO_DESCRIPTION,
        tags: ['tasks'],
        params: UidParams,
        response: { 200: BulkUndoResult, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => undoBulkAction(actingAs(request, db), request.params.uid),
  )
}
