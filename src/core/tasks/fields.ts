import { AppError } from '../../contract/errors'

/** A task's `fields`: title, url and any custom JSON. */
export type TaskFieldMap = { title: string; url?: string; [key: string]: unknown }

/**
 * Merges a PATCH's `fields` into a task's, key by key (RFC 7396 at the top level): a key
 * set to null is removed, any other value replaces the old one as a whole. `title` is
 * required on every task, so a patch may change it but never remove it.
 */
export function mergeFields(current: TaskFieldMap, patch: Record<string, unknown>): TaskFieldMap {
  if (patch.title === null) {
    throw new AppError('validation_failed', 'A task must keep its title.', [
      { path: '/body/fields/title', message: 'cannot be removed' },
    ])
  }
  const merged: Record<string, unknown> = { ...current }
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete merged[key]
    } else {
      merged[key] = value
    }
  }
  return merged as TaskFieldMap
}
