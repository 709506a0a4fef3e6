/**
 * The name a node is announced and found by: `Condition 2`, `Group 3.1`. Numbers follow
 * the tree (1-based), so "Condition 2.1" is the first child of the second node.
 */
export function nodeLabel(kind: 'leaf' | 'group', path: readonly number[]): string {
  return `${kind === 'group' ? 'Group' : 'Condition'} ${path.map((index) => index + 1).join('.')}`
}

/**
 * Hidden words that make a control's name unique on the page ("Negate group 2"): a group
 * holds the same controls as its children, and each must be findable on its own. The
 * root's controls keep their short names.
 */
export function nameSuffix(label: string, isRoot: boolean): string {
  return isRoot ? '' : ` ${label.toLowerCase()}`
}
