import { describe, expect, it } from 'vitest'
import type { Condition } from './condition'
import {
  addChild,
  fromCondition,
  type GroupModel,
  type NodeModel,
  newLeaf,
  removeNode,
  toCondition,
  updateNode,
  withFlag,
  wrapInGroup,
} from './condition-model'

const nested: Condition = {
  combinator: 'or',
  conditions: [
    { field: 'country', operator: 'in', value: ['FR', 'DE'] },
    {
      combinator: 'and',
      negated: true,
      conditions: [
        { field: 'status', operator: '==', value: 'TODO', disabled: true },
        { field: 'amount', operator: '>=', value: 100 },
        { field: 'vip', operator: 'exists' },
        { field: 'skills', operator: 'contains', value: 'fr', negated: false },
      ],
    },
  ],
  disabled: false,
}

function group(model: NodeModel): GroupModel {
  if (model.kind !== 'group') {
    throw new Error('expected a group')
  }
  return model
}

describe('condition model', () => {
  it('round-trips a condition key for key', () => {
    const { condition, problems } = toCondition(fromCondition(nested))
    expect(problems).toEqual([])
    // Strict: no key may be added, even with an undefined value.
    expect(condition).toStrictEqual(nested)
  })

  it('round-trips a lone leaf', () => {
    const leaf: Condition = { field: 'due_at', operator: '<', value: '2025-01-01T00:00:00Z' }
    expect(toCondition(fromCondition(leaf)).condition).toEqual(leaf)
  })

  it('gives every node its own id', () => {
    const ids: string[] = []
    const visit = (node: NodeModel) => {
      ids.push(node.id)
      if (node.kind === 'group') {
        node.children.forEach(visit)
      }
    }
    visit(fromCondition(nested))
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('adds, updates and removes by id without touching the rest', () => {
    const root = group(fromCondition(nested))
    const inner = group(root.children[1] as NodeModel)
    const leaf = newLeaf()
    const added = group(addChild(root, inner.id, leaf))
    expect(added.children[0]).toBe(root.children[0])
    expect(group(added.children[1] as NodeModel).children).toHaveLength(5)

    const typed = updateNode(added, leaf.id, (node) => ({ ...node, field: 'x' }) as NodeModel)
    expect(toCondition(typed).condition).toMatchObject({
      conditions: [{}, { conditions: [{}, {}, {}, {}, { field: 'x', operator: '==', value: '' }] }],
    })
    expect(removeNode(typed, leaf.id)).toEqual(root)
    expect(removeNode(root, 'unknown')).toBe(root)
  })

  it('drops a flag when switched off instead of sending false', () => {
    const leaf = withFlag(newLeaf(), 'negated', true)
    expect(leaf.negated).toBe(true)
    expect('negated' in withFlag(leaf, 'negated', false)).toBe(false)
  })

  it('wraps a root leaf in an and group', () => {
    const leaf = fromCondition({ field: 'a', operator: '==', value: 1 })
    expect(toCondition(wrapInGroup(leaf)).condition).toEqual({
      combinator: 'and',
      conditions: [{ field: 'a', operator: '==', value: 1 }],
    })
  })

  it('reports values it cannot send and leaves them out', () => {
    const root = group(fromCondition({ combinator: 'and', conditions: [] }))
    const leaf = { ...newLeaf(), field: 'amount', valueType: 'number' as const, valueText: '1,5' }
    const { condition, problems } = toCondition(addChild(root, root.id, leaf))
    expect(condition).toEqual({
      combinator: 'and',
      conditions: [{ field: 'amount', operator: '==' }],
    })
    expect(problems).toEqual([{ id: leaf.id, part: 'value', message: 'Enter a number' }])
  })
})
