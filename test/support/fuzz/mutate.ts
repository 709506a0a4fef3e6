import fc from 'fast-check'
import { hostileKey, hostileValue } from './hostile-values'
import { type Json, JsonObject } from './json-text'

/** One change to a document; `at` picks a node, modulo the number of candidates. */
export type Mutation =
  | { kind: 'replace'; at: number; value: Json }
  | { kind: 'remove'; at: number }
  | { kind: 'add'; at: number; key: string; value: Json }
  | { kind: 'duplicate'; at: number }
  | { kind: 'wrap'; at: number }

/** Wrong types, missing and extra keys, hostile keys and values, anywhere in a document. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    arbitrary: fc.record({ kind: fc.constant('replace'), at: fc.nat(), value: hostileValue }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('remove'), at: fc.nat() }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('add'),
      at: fc.nat(),
      key: hostileKey,
      value: hostileValue,
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('duplicate'), at: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('wrap'), at: fc.nat() }), weight: 1 },
) as fc.Arbitrary<Mutation>

type Path = number[]

/** Paths to every node; each step is an index into an array or an object's entries. */
function pathsOf(doc: Json, path: Path = [], out: Path[] = []): Path[] {
  out.push(path)
  if (doc instanceof JsonObject) {
    for (const [i, [, value]] of doc.entries.entries()) {
      pathsOf(value, [...path, i], out)
    }
  } else if (Array.isArray(doc)) {
    for (const [i, value] of doc.entries()) {
      pathsOf(value, [...path, i], out)
    }
  }
  return out
}

function nodeAt(doc: Json, path: Path): Json {
  let node = doc
  for (const step of path) {
    node =
      node instanceof JsonObject
        ? (node.entries[step]?.[1] ?? null)
        : ((node as Json[])[step] ?? null)
  }
  return node
}

/** A copy of `doc` with the node at `path` replaced by `change(node)`: inputs stay intact. */
function rebuild(doc: Json, path: Path, change: (node: Json) => Json): Json {
  const [step, ...rest] = path
  if (step === undefined) {
    return change(doc)
  }
  if (doc instanceof JsonObject) {
    return new JsonObject(
      doc.entries.map(([key, value], i) => [
        key,
        i === step ? rebuild(value, rest, change) : value,
      ]),
    )
  }
  if (Array.isArray(doc)) {
    return doc.map((value, i) => (i === step ? rebuild(value, rest, change) : value))
  }
  return doc
}

function withoutChild(node: Json, index: number): Json {
  if (node instanceof JsonObject) {
    return new JsonObject(node.entries.filter((_, i) => i !== index))
  }
  return Array.isArray(node) ? node.filter((_, i) => i !== index) : node
}

/** Applies one mutation, returning a new document. */
export function applyMutation(doc: Json, change: Mutation): Json {
  const paths = pathsOf(doc)
  const path = paths[change.at % paths.length] as Path
  switch (change.kind) {
    case 'replace':
      return rebuild(doc, path, () => change.value)
    case 'remove': {
      if (path.length === 0) {
        return null
      }
      const parent = path.slice(0, -1)
      return rebuild(doc, parent, (node) => withoutChild(node, path.at(-1) as number))
    }
    case 'add': {
      const objects = paths.filter((p) => nodeAt(doc, p) instanceof JsonObject)
      if (objects.length === 0) {
        return new JsonObject([[change.key, change.value]])
      }
      const target = objects[change.at % objects.length] as Path
      return rebuild(
        doc,
        target,
        (node) => new JsonObject([...(node as JsonObject).entries, [change.key, change.value]]),
      )
    }
    case 'duplicate':
      // The same key twice: which one wins must not matter to anything but the value.
      return rebuild(doc, path, (node) =>
        node instanceof JsonObject && node.entries.length > 0
          ? new JsonObject([...node.entries, node.entries[0] as [string, Json]])
          : node,
      )
    case 'wrap':
      return rebuild(doc, path, (node) => [node])
  }
}

/** Applies mutations in order. */
export function applyMutations(doc: Json, changes: Mutation[]): Json {
  return changes.reduce(applyMutation, doc)
}
