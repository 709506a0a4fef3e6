import {
  type Schema,
  type Task,
  TesseraApiError,
  type TesseraClient,
  unwrap,
} from '../../sdk/src/index'
import { buildFormView, type FormView } from './form'

/** Roles that may be handed tasks: a `user` field offers only them. */
const WORKING_ROLES = new Set(['operator', 'admin', 'super_admin'])

/**
 * The form the operator fills before completing `task`: its queue's form (the queue's
 * `form_uid`, GET /forms/{uid}) and the fields every task needs (GET /fields,
 * `required_for_completion`). Null when there is nothing to fill.
 */
export async function loadTaskForm(
  client: TesseraClient,
  task: Task,
  queues: Schema<'Queue'>[],
): Promise<FormView | null> {
  const formUid = queues.find((queue) => queue.uid === task.queue_uid)?.form_uid ?? null
  const [definitions, form] = await Promise.all([
    unwrap(client.GET('/fields')).then((list) => list.items),
    formUid
      ? unwrap(client.GET('/forms/{uid}', { params: { path: { uid: formUid } } })).catch(
          (error: unknown) => {
            // Deleted since the queue was read: the queue is left without a form.
            if (error instanceof TesseraApiError && error.status === 404) {
              return null
            }
            throw error
          },
        )
      : null,
  ])
  const shown = buildFormView(form, definitions)
  const wantsUsers = shown?.sections.some((section) =>
    section.fields.some((field) => field.type === 'user'),
  )
  if (!wantsUsers) {
    return shown
  }
  const users = (await unwrap(client.GET('/users'))).items
    .filter((user) => user.active && WORKING_ROLES.has(user.role))
    .map((user) => ({ value: user.uid, label: user.name || user.email }))
  return buildFormView(form, definitions, users)
}
