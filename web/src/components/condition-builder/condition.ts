import type { Schema } from '../../api'

/**
 * The condition language as the API speaks it (docs/API.md, "The condition language"), typed
 * by the SDK's schema: a group of conditions, or one test of a field.
 */
export type Condition = Schema<'Condition'>
export type ConditionGroup = Extract<Condition, { combinator: unknown }>
export type ConditionLeaf = Extract<Condition, { field: unknown }>
export type Operator = ConditionLeaf['operator']
export type Combinator = ConditionGroup['combinator']

// A record, not a list, so that the compiler names any operator the API adds or drops.
const OPERATOR_SET: Record<Operator, true> = {
  '==': true,
  '!=': true,
  '<': true,
  '<=': true,
  '>': true,
  '>=': true,
  in: true,
  contains: true,
  exists: true,
}

/** Every operator, in the order the builder offers them. */
export const OPERATORS = Object.keys(OPERATOR_SET) as Operator[]

/** The native task fields a condition may name; anything else is a custom field. */
export const NATIVE_FIELDS = [
  'status',
  'archived',
  'due_at',
  'created_at',
  'updated_at',
  'started_at',
  'done_at',
  'snooze_expires_at',
  'sla_due_at',
  'queue_uid',
  'assignee_uid',
  'skills',
  'parent_uid',
  'uid',
] as const

/** Matches every task: what a queue without a condition gets. */
export const MATCH_ALL: ConditionGroup = { combinator: 'and', conditions: [] }

export function isGroup(condition: Condition): condition is ConditionGroup {
  return 'combinator' in condition
}
