/**
 * The condition language as the API speaks it (docs/API.md, "The condition language"). The
 * web app keeps its own copy of these types: it talks to the server only through the API.
 */

export const OPERATORS = ['==', '!=', '<', '<=', '>', '>=', 'in', 'contains', 'exists'] as const
export type Operator = (typeof OPERATORS)[number]

export const COMBINATORS = ['and', 'or'] as const
export type Combinator = (typeof COMBINATORS)[number]

export interface ConditionLeaf {
  field: string
  operator: Operator
  value?: unknown
  negated?: boolean
  disabled?: boolean
}

export interface ConditionGroup {
  combinator: Combinator
  conditions: Condition[]
  negated?: boolean
  disabled?: boolean
}

export type Condition = ConditionLeaf | ConditionGroup

/** One wrong input of a 422 answer: a JSON pointer into the request and what is wrong. */
export interface FieldError {
  path: string
  message: string
}

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
