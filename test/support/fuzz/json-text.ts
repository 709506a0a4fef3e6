/**
 * JSON documents as the fuzzer builds them: unlike plain objects they can hold a `__proto__`
 * key as data, repeat a key, and carry raw text JSON.stringify cannot produce (`1e309`, 10,000
 * levels of nesting).
 */
export type Json = null | boolean | number | string | Json[] | JsonObject | RawJson

/** An object as an ordered list of entries: any key, duplicates included. */
export class JsonObject {
  constructor(readonly entries: [string, Json][]) {}
}

/** Text spliced into the document as is. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** The document as JSON text. Recursive: only RawJson holds deep nesting. */
export function toJsonText(value: Json): string {
  if (value instanceof RawJson) {
    return value.text
  }
  if (value instanceof JsonObject) {
    return `{${value.entries.map(([key, item]) => `${JSON.stringify(key)}:${toJsonText(item)}`).join(',')}}`
  }
  if (Array.isArray(value)) {
    return `[${value.map(toJsonText).join(',')}]`
  }
  return JSON.stringify(value)
}

/** Converts a plain JSON value (from a schema's `examples`, say) into a document. */
export function fromPlain(value: unknown): Json {
  if (Array.isArray(value)) {
    return value.map(fromPlain)
  }
  if (value !== null && typeof value === 'object') {
    return new JsonObject(Object.entries(value).map(([key, item]) => [key, fromPlain(item)]))
  }
  return value as Json
}

/** `levels` nested arrays or objects around a number, as text: deep without recursion. */
export function deeplyNested(levels: number, kind: 'array' | 'object'): RawJson {
  return kind === 'array'
    ? new RawJson(`${'['.repeat(levels)}1${']'.repeat(levels)}`)
    : new RawJson(`${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`)
}
