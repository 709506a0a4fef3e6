import type { Schema, Task, TesseraClient } from '../../sdk/src/index'
import type { FormView } from './form'

/**
 * The form the operator fills before completing `task`: its queue's form and the fields
 * every task needs. Field definitions and forms (GET /fields, /forms) are not in the API yet:
 * until they are, no task has a form.
 */
export async function loadTaskForm(
  _client: TesseraClient,
  _task: Task,
  _queues: Schema<'Queue'>[],
): Promise<FormView | null> {
  return null
}
