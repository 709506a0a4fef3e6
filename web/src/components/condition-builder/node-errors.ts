import type { FieldError } from '../../api'
import type { NodeModel } from './condition-model'

/** The part of a node an error is about, so the message sits next to the right input. */
export type NodePart = 'node' | 'field' | 'operator' | 'value'

export interface NodeError {
  part: NodePart
  message: string
}

/** Errors by node id. */
export type NodeErrors = ReadonlyMap<string, NodeError[]>

const INDEX = /^\d+$/

/**
 * Splits a pointer relative to the condition (`/conditions/0/conditions/2/value/1`) into
 * the child indexes that lead to a node (`[0, 2]`) and what is left (`['value', '1']`).
 */
export function splitPointer(pointer: string): { indexes: number[]; rest: string[] } {
  const segments = pointer === '' ? [] : pointer.replace(/^\//, '').split('/')
  const indexes: number[] = []
  let at = 0
  while (segments[at] === 'conditions' && INDEX.test(segments[at + 1] ?? '')) {
    indexes.push(Number(segments[at + 1]))
    at += 2
  }
  return { indexes, rest: segments.slice(at) }
}

function partOf(rest: string[]): NodePart {
  const head = rest[0]
  return head === 'field' || head === 'operator' || head === 'value' ? head : 'node'
}

function describe(rest: string[], message: string): string {
  // `/value/3` is the fourth item of an `in` list: say which one.
  if (rest[0] === 'value' && rest[1] !== undefined && INDEX.test(rest[1])) {
    return `Item ${Number(rest[1]) + 1}: ${message}`
  }
  return message
}

/**
 * Places the API's 422 errors on the nodes they name. `prefix` is where the condition sits
 * in the request (`/body/condition`); errors elsewhere are ignored. An error naming a node
 * that is no longer there (the tree changed since) is shown on the root, not lost.
 */
export function placeErrors(
  root: NodeModel,
  errors: readonly FieldError[],
  prefix: string,
): NodeErrors {
  const placed = new Map<string, NodeError[]>()
  const add = (id: string, error: NodeError) => {
    placed.set(id, [...(placed.get(id) ?? []), error])
  }
  for (const error of errors) {
    if (error.path !== prefix && !error.path.startsWith(`${prefix}/`)) {
      continue
    }
    const { indexes, rest } = splitPointer(error.path.slice(prefix.length))
    const node = nodeAt(root, indexes)
    if (node) {
      add(node.id, { part: partOf(rest), message: describe(rest, error.message) })
    } else {
      add(root.id, { part: 'node', message: error.message })
    }
  }
  return placed
}

function nodeAt(root: NodeModel, indexes: number[]): NodeModel | undefined {
  let node: NodeModel | undefined = root
  for (const index of indexes) {
    node = node?.kind === 'group' ? node.children[index] : undefined
  }
  return node
}
