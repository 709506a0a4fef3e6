import {
  CONDITION_OPERATORS,
  type ConditionLeaf,
  type ConditionOperator,
} from '../../contract/conditions'
import type { FieldError } from '../../contract/errors'
import { TASK_STATUSES } from '../../contract/tasks'
import {
  describeUnstorableString,
  describeUnstorableValue,
  isUuid,
  parseTimestamp,
} from './json-values'
import { type FieldRef, type NativeFieldType, resolveField } from './resolve-field'

/** Most items the value of an `in` leaf may list. */
export const MAX_IN_VALUES = 1000

const EQUALITY: readonly ConditionOperator[] = ['==', '!=', 'in', 'exists']

// Ordering a status, a boolean or a UUID means nothing to a user, so it is refused rather
// than given an arbitrary answer; `contains` only makes sense on text and lists.
const OPERATORS: Record<NativeFieldType | 'custom', readonly ConditionOperator[]> = {
  uuid: EQUALITY,
  status: EQUALITY,
  boolean: EQUALITY,
  timestamp: [...EQUALITY, '<', '<=', '>', '>='],
  skills: ['contains', 'exists'],
  custom: CONDITION_OPERATORS,
}

const NO_VALUE_HINT = ' (use the `exists` operator to test for a missing value)'

/** Why `value` cannot be compared with the field, if it cannot. */
function describeOperandProblem(field: FieldRef, value: unknown): string | undefined {
  if (field.kind === 'custom') {
    return describeUnstorableValue(value)
  }
  const hint = value === null ? NO_VALUE_HINT : ''
  switch (field.type) {
    case 'uuid':
      return isUuid(value) ? undefined : `must be a UUID${hint}`
    case 'status':
      return TASK_STATUSES.some((status) => status === value)
        ? undefined
        : `must be one of ${TASK_STATUSES.join(', ')}${hint}`
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be a boolean'
    case 'timestamp':
      return parseTimestamp(value) === undefined
        ? `must be an ISO 8601 date-time with a time zone, e.g. 2025-09-11T12:00:00Z${hint}`
        : undefined
    default:
      return describeString(value)
  }
}

function describeString(value: unknown): string | undefined {
  return typeof value === 'string' ? describeUnstorableString(value) : 'must be a string'
}

function describeValueProblem(field: FieldRef, leaf: ConditionLeaf): FieldError[] {
  const { operator, value } = leaf
  const at = (message: string | undefined, suffix = ''): FieldError[] =>
    message === undefined ? [] : [{ path: `/value${suffix}`, message }]
  if (operator === 'exists') {
    return at(value === undefined || typeof value === 'boolean' ? undefined : 'must be a boolean')
  }
  if (value === undefined) {
    return at(`is required for operator ${operator}`)
  }
  switch (operator) {
    case 'in':
      if (!Array.isArray(value)) {
        return at('must be an array')
      }
      if (value.length > MAX_IN_VALUES) {
        return at(`must have at most ${MAX_IN_VALUES} items`)
      }
      return value.flatMap((item, i) => at(describeOperandProblem(field, item), `/${i}`))
    case 'contains':
      return at(describeString(value))
    case '==':
    case '!=':
      return at(describeOperandProblem(field, value))
    default:
      if (field.kind === 'custom' && typeof value !== 'number' && typeof value !== 'string') {
        return at('must be a number or a string')
      }
      return at(describeOperandProblem(field, value))
  }
}

/**
 * Checks one leaf beyond its schema: the field name, whether the operator applies to the
 * field, and the value's type. Paths are relative to the leaf (`/value/3`).
 */
export function validateLeaf(leaf: ConditionLeaf): FieldError[] {
  const nameProblem = describeUnstorableString(leaf.field)
  if (nameProblem) {
    return [{ path: '/field', message: nameProblem }]
  }
  const field = resolveField(leaf.field)
  if (field.kind === 'custom' && field.key === '') {
    return [{ path: '/field', message: 'must name a custom field after `fields.`' }]
  }
  const allowed = OPERATORS[field.kind === 'custom' ? 'custom' : field.type]
  if (!allowed.includes(leaf.operator)) {
    return [
      {
        path: '/operator',
        message: `does not apply to field ${leaf.field}; use one of ${allowed.join(', ')}`,
      },
    ]
  }
  return describeValueProblem(field, leaf)
}
