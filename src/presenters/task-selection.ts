import type { Task } from '../contract/tasks'
import { resolveField } from '../core/conditions'

/** Keeps only the selected keys of a task: natives at the top, custom fields under `fields`. */
export function presentSelection(task: Task, selects: string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = { uid: task.uid }
  const fields: Record<string, unknown> = {}
  const source: Record<string, unknown> = task.fields
  for (const name of selects) {
    const field = resolveField(name)
    if (field.kind === 'native') {
      picked[field.name] = task[field.name]
    } else if (Object.hasOwn(source, field.key)) {
      fields[field.key] = source[field.key]
    }
  }
  return Object.keys(fields).length > 0 ? { ...picked, fields } : picked
}
