import type { SlaPolicy, SlaTargets } from '../../contract/calendar'
import type { FieldError } from '../../contract/errors'
import { validateCondition } from '../conditions'

const hasTarget = (targets: SlaTargets) =>
  targets.first_response_minutes !== undefined || targets.resolution_minutes !== undefined

/**
 * What an SLA policy's schema cannot say: it needs a target of its own (first response,
 * resolution or both: a value of `by_field` falls back to them), each value of `by_field`
 * sets at least one, and its pause condition is a valid condition. Paths start at `path`.
 */
export function checkSlaPolicy(policy: SlaPolicy, path: string): FieldError[] {
  const errors: FieldError[] = []
  if (!hasTarget(policy)) {
    errors.push({ path, message: 'set first_response_minutes, resolution_minutes or both' })
  }
  for (const [value, targets] of Object.entries(policy.by_field?.targets ?? {})) {
    if (!hasTarget(targets)) {
      const pointer = `${path}/by_field/targets/${value.replaceAll('~', '~0').replaceAll('/', '~1')}`
      errors.push({
        path: pointer,
        message: 'set first_response_minutes, resolution_minutes or both',
      })
    }
  }
  const condition = policy.pause?.condition
  if (condition) {
    for (const error of validateCondition(condition)) {
      errors.push({ path: `${path}/pause/condition${error.path}`, message: error.message })
    }
  }
  return errors
}
