import type { Condition, ConditionGroup } from '../../contract/conditions'

/**
 * Whether a node is a group. Unknown keys are allowed on nodes, so a node could satisfy
 * both schemas; any node with a combinator and a `conditions` array counts as a group.
 */
export function isConditionGroup(node: Condition): node is ConditionGroup {
  return 'combinator' in node && Array.isArray(node.conditions)
}

/** The children of a group that take part in matching: disabled ones are left out. */
export function enabledChildren(group: ConditionGroup): Condition[] {
  return group.conditions.filter((child) => child.disabled !== true)
}
