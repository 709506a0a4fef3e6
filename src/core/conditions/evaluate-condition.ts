import type { Condition, ConditionGroup, ConditionLeaf } from '../../contract/conditions'
import type { Task } from '../../contract/tasks'
import { enabledChildren, isConditionGroup } from './condition-nodes'
import { compareCodePoints, foldAsciiCase, jsonEquals, parseTimestamp } from './json-values'
import { type FieldRef, type NativeFieldName, resolveField } from './resolve-field'

/** A task as the API presents it (dates as ISO strings); only these keys are read. */
export type ConditionSubject = Pick<Task, NativeFieldName> & {
  fields: Readonly<Record<string, unknown>>
}

/** Marks an absent custom key or a NULL column, which is not the same as JSON `null`. */
const MISSING = Symbol('missing')

function lookup(field: FieldRef, task: ConditionSubject): unknown {
  if (field.kind === 'native') {
    const value: unknown = task[field.name]
    return value === null || value === undefined ? MISSING : value
  }
  // hasOwn: `constructor` or `__proto__` are keys like any other, never inherited members.
  return Object.hasOwn(task.fields, field.key) ? task.fields[field.key] : MISSING
}

function order(operator: ConditionLeaf['operator'], difference: number): boolean {
  switch (operator) {
    case '<':
      return difference < 0
    case '<=':
      return difference <= 0
    case '>':
      return difference > 0
    case '>=':
      return difference >= 0
    default:
      return difference === 0
  }
}

function valueEquals(field: FieldRef, actual: unknown, expected: unknown): boolean {
  if (field.kind === 'native' && field.type === 'timestamp') {
    const instant = parseTimestamp(actual)
    return instant !== undefined && instant === parseTimestamp(expected)
  }
  if (field.kind === 'native' && field.type === 'uuid') {
    // PostgreSQL reads UUIDs case-insensitively.
    return String(actual).toLowerCase() === String(expected).toLowerCase()
  }
  return field.kind === 'native' ? actual === expected : jsonEquals(actual, expected)
}

function compareOrdered(field: FieldRef, leaf: ConditionLeaf, actual: unknown): boolean {
  if (field.kind === 'native') {
    const left = parseTimestamp(actual)
    const right = parseTimestamp(leaf.value)
    return left !== undefined && right !== undefined && order(leaf.operator, left - right)
  }
  // Same-type comparisons only, as in SQL: a number never compares with a string.
  if (typeof leaf.value === 'number') {
    return typeof actual === 'number' && order(leaf.operator, actual - leaf.value)
  }
  return (
    typeof actual === 'string' &&
    typeof leaf.value === 'string' &&
    order(leaf.operator, compareCodePoints(actual, leaf.value))
  )
}

function contains(actual: unknown, needle: unknown): boolean {
  if (typeof needle !== 'string') {
    return false
  }
  if (typeof actual === 'string') {
    return foldAsciiCase(actual).includes(foldAsciiCase(needle))
  }
  // Membership, for `skills` and JSON arrays alike: an exact, case-sensitive element.
  return Array.isArray(actual) && actual.some((item) => item === needle)
}

function evaluateLeaf(leaf: ConditionLeaf, task: ConditionSubject): boolean {
  const field = resolveField(leaf.field)
  const actual = lookup(field, task)
  if (leaf.operator === 'exists') {
    return (actual !== MISSING) === (leaf.value !== false)
  }
  if (leaf.operator === '!=') {
    return !evaluateLeaf({ ...leaf, operator: '==' }, task)
  }
  if (actual === MISSING) {
    return false
  }
  switch (leaf.operator) {
    case '==':
      return valueEquals(field, actual, leaf.value)
    case 'in':
      return (
        Array.isArray(leaf.value) && leaf.value.some((item) => valueEquals(field, actual, item))
      )
    case 'contains':
      return contains(actual, leaf.value)
    default:
      return compareOrdered(field, leaf, actual)
  }
}

function evaluateGroup(group: ConditionGroup, task: ConditionSubject): boolean {
  const children = enabledChildren(group)
  // A group with nothing enabled imposes nothing, whatever its combinator (as in SQL).
  if (children.length === 0) {
    return true
  }
  return group.combinator === 'and'
    ? children.every((child) => evaluateNode(child, task))
    : children.some((child) => evaluateNode(child, task))
}

function evaluateNode(node: Condition, task: ConditionSubject): boolean {
  const matches = isConditionGroup(node) ? evaluateGroup(node, task) : evaluateLeaf(node, task)
  return node.negated === true ? !matches : matches
}

/**
 * Evaluates a validated condition against one task in memory, with exactly the semantics
 * of the SQL from `compileCondition` (which the store tests check against each other).
 */
export function evaluateCondition(condition: Condition, task: ConditionSubject): boolean {
  return condition.disabled === true || evaluateNode(condition, task)
}
