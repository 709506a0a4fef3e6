import type { Condition } from '../../contract/conditions'
import { AppError, type FieldError } from '../../contract/errors'
import { isConditionGroup } from './condition-nodes'
import { validateLeaf } from './validate-leaf'

/** Deepest nesting of groups: the root group is level 1. */
export const MAX_CONDITION_DEPTH = 10

/**
 * Most nodes (groups and leaves) in one condition. It bounds the size of the SQL and its
 * parameter count, which PostgreSQL caps at 65,535 per statement.
 */
export const MAX_CONDITION_NODES = 1000

// Enough to fix a request; a hostile one does not get a megabyte of errors back.
const MAX_ERRORS = 50

/**
 * The semantic checks the JSON schema cannot express: nesting depth, total size, which
 * operators apply to which fields, and the type of each value. Disabled nodes are checked
 * too, so that enabling one later cannot make a stored condition invalid.
 *
 * @returns every problem found (capped at 50), each with a JSON pointer relative to the
 *   condition, such as `/conditions/2/value`; empty when the condition is valid
 */
export function validateCondition(condition: Condition): FieldError[] {
  const errors: FieldError[] = []
  let nodes = 0
  const visit = (node: Condition, path: string, depth: number): void => {
    nodes += 1
    if (nodes > MAX_CONDITION_NODES || errors.length >= MAX_ERRORS) {
      return
    }
    if (!isConditionGroup(node)) {
      for (const error of validateLeaf(node)) {
        errors.push({ path: `${path}${error.path}`, message: error.message })
      }
      return
    }
    if (depth > MAX_CONDITION_DEPTH) {
      errors.push({ path, message: `groups must not nest more than ${MAX_CONDITION_DEPTH} deep` })
      return
    }
    node.conditions.forEach((child, i) => {
      visit(child, `${path}/conditions/${i}`, depth + 1)
    })
  }
  visit(condition, '', 1)
  if (nodes > MAX_CONDITION_NODES) {
    errors.unshift({ path: '', message: `must have at most ${MAX_CONDITION_NODES} nodes` })
  }
  return errors.slice(0, MAX_ERRORS)
}

/**
 * Throws `validation_failed` unless the condition is valid, with each path prefixed by
 * `pointer`, the condition's place in the request (for example `/body/condition`).
 */
export function assertValidCondition(condition: Condition, pointer = ''): void {
  const errors = validateCondition(condition)
  if (errors.length > 0) {
    throw new AppError(
      'validation_failed',
      'The condition is invalid.',
      errors.map((error) => ({ path: `${pointer}${error.path}`, message: error.message })),
    )
  }
}
