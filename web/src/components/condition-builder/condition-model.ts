import {
  type Combinator,
  type Condition,
  type ConditionGroup,
  type ConditionLeaf,
  isGroup,
  type Operator,
} from './condition'
import { formatValue, type LeafValueType, parseValue } from './value-codec'

/**
 * The editor's form of a condition: the same tree, plus a stable id per node (React keys
 * that survive removals) and the value as typed, so that a half-typed number is kept on
 * screen instead of being lost to JSON.
 */
export interface LeafModel {
  kind: 'leaf'
  id: string
  field: string
  operator: Operator
  valueType: LeafValueType
  valueText: string
  negated?: boolean
  disabled?: boolean
}

export interface GroupModel {
  kind: 'group'
  id: string
  combinator: Combinator
  children: NodeModel[]
  negated?: boolean
  disabled?: boolean
}

export type NodeModel = LeafModel | GroupModel

/** A problem found before the API is asked: the value cannot be turned into JSON. */
export interface LocalProblem {
  id: string
  part: 'field' | 'value'
  message: string
}

let lastId = 0
function nextId(): string {
  lastId += 1
  return `cb${lastId}`
}

/** Copies the optional flags only when present, so a condition round-trips key for key. */
function flagsOf(node: { negated?: boolean; disabled?: boolean }) {
  return {
    ...(node.negated === undefined ? {} : { negated: node.negated }),
    ...(node.disabled === undefined ? {} : { disabled: node.disabled }),
  }
}

export function fromCondition(condition: Condition): NodeModel {
  if (isGroup(condition)) {
    return {
      kind: 'group',
      id: nextId(),
      combinator: condition.combinator,
      children: condition.conditions.map(fromCondition),
      ...flagsOf(condition),
    }
  }
  return {
    kind: 'leaf',
    id: nextId(),
    field: condition.field,
    operator: condition.operator,
    ...formatValue(condition.value),
    ...flagsOf(condition),
  }
}

/**
 * The JSON the API expects, and what keeps it from being valid. A value that cannot be
 * parsed is left out, which the API also refuses: nothing wrong is ever sent as if right.
 */
export function toCondition(model: NodeModel): { condition: Condition; problems: LocalProblem[] } {
  const problems: LocalProblem[] = []
  const visit = (node: NodeModel): Condition => {
    if (node.kind === 'group') {
      const group: ConditionGroup = {
        combinator: node.combinator,
        conditions: node.children.map(visit),
        ...flagsOf(node),
      }
      return group
    }
    if (node.field.trim() === '') {
      problems.push({ id: node.id, part: 'field', message: 'Enter a field' })
    }
    const parsed = parseValue(node.valueType, node.valueText)
    if (!parsed.ok) {
      problems.push({ id: node.id, part: 'value', message: parsed.message })
    }
    const leaf: ConditionLeaf = {
      field: node.field,
      operator: node.operator,
      ...(parsed.ok && parsed.value !== undefined ? { value: parsed.value } : {}),
      ...flagsOf(node),
    }
    return leaf
  }
  return { condition: visit(model), problems }
}

export function newLeaf(): LeafModel {
  return { kind: 'leaf', id: nextId(), field: '', operator: '==', valueType: 'text', valueText: '' }
}

export function newGroup(combinator: Combinator = 'and'): GroupModel {
  return { kind: 'group', id: nextId(), combinator, children: [] }
}

/** Applies `change` to the node with this id, leaving every other node as it was. */
export function updateNode(
  root: NodeModel,
  id: string,
  change: (node: NodeModel) => NodeModel,
): NodeModel {
  if (root.id === id) {
    return change(root)
  }
  if (root.kind === 'leaf') {
    return root
  }
  const children = root.children.map((child) => updateNode(child, id, change))
  return children.every((child, i) => child === root.children[i]) ? root : { ...root, children }
}

export function addChild(root: NodeModel, groupId: string, child: NodeModel): NodeModel {
  return updateNode(root, groupId, (node) =>
    node.kind === 'group' ? { ...node, children: [...node.children, child] } : node,
  )
}

/** Removes a node anywhere below the root (the root itself cannot be removed). */
export function removeNode(root: NodeModel, id: string): NodeModel {
  if (root.kind === 'leaf') {
    return root
  }
  const kept = root.children.filter((child) => child.id !== id)
  const children = kept.map((child) => removeNode(child, id))
  return kept.length === root.children.length &&
    children.every((child, i) => child === root.children[i])
    ? root
    : { ...root, children }
}

/** Puts a lone leaf at the root into an `and` group, so that more conditions can join it. */
export function wrapInGroup(root: NodeModel): GroupModel {
  return root.kind === 'group' ? root : { ...newGroup('and'), children: [root] }
}

/** Sets an optional flag: on is `true`, off drops the key rather than sending `false`. */
export function withFlag<T extends NodeModel>(
  node: T,
  flag: 'negated' | 'disabled',
  on: boolean,
): T {
  const { [flag]: _dropped, ...rest } = node
  return (on ? { ...rest, [flag]: true } : rest) as T
}
