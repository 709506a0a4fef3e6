import fc from 'fast-check'
import { fromPlain, type Json, JsonObject } from './json-text'

/** A JSON Schema node of the OpenAPI document, read loosely. */
export type Schema = Record<string, unknown>

/** Resolves `#/components/schemas/X` references of one OpenAPI document. */
export type RefResolver = (ref: string) => Schema

/** How deep `$ref`s are followed (the condition schema refers to itself). */
const MAX_REF_DEPTH = 3

/** Longest generated array or string where the schema allows more: bodies stay small. */
const MAX_ITEMS = 3
const MAX_TEXT = 24

/**
 * Webhook URLs point at the discard port of this machine: a webhook the fuzzer manages to
 * create must never send anything anywhere, nor wait on DNS.
 */
const SAFE_URL = fc.webSegment().map((segment) => `http://127.0.0.1:9/${segment}`)

function stringValue(schema: Schema): fc.Arbitrary<Json> {
  const minLength = (schema.minLength as number | undefined) ?? 0
  const maxLength = Math.max(
    minLength,
    Math.min((schema.maxLength as number) ?? MAX_TEXT, MAX_TEXT),
  )
  switch (schema.format) {
    case 'uuid':
      return fc.uuid({ version: 4 })
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((date) => date.toISOString())
    case 'date':
      return fc
        .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10))
    case 'email':
      return fc.emailAddress()
  }
  if (typeof schema.pattern === 'string') {
    if (schema.pattern.startsWith('^[Hh][Tt][Tt][Pp]')) {
      return SAFE_URL
    }
    return fc
      .stringMatching(new RegExp(schema.pattern))
      .filter(
        (text) =>
          text.length >= minLength && text.length <= ((schema.maxLength as number) ?? Infinity),
      )
  }
  return fc.string({ minLength, maxLength })
}

function objectValue(schema: Schema, resolve: RefResolver, depth: number): fc.Arbitrary<Json> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>
  const required = new Set((schema.required ?? []) as string[])
  const entries = Object.entries(properties).map(([key, property]) =>
    fc
      .tuple(
        required.has(key) ? fc.constant(true) : fc.boolean(),
        schemaValue(property, resolve, depth),
      )
      .map(([present, value]) => (present ? [[key, value] as [string, Json]] : [])),
  )
  // Free-form objects (custom fields) get a few keys of their own.
  const extra =
    schema.additionalProperties === true
      ? fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue()), {
          maxLength: MAX_ITEMS,
        })
      : fc.constant([])
  return fc
    .tuple(fc.tuple(...entries), extra)
    .map(
      ([known, free]) =>
        new JsonObject([
          ...known.flat(),
          ...free
            .filter(([key]) => !(key in properties))
            .map(([key, value]) => [key, fromPlain(value)] as [string, Json]),
        ]),
    )
}

/**
 * Values that follow `schema` closely enough to get past validation often: the starting
 * point of mutations. Not a complete JSON Schema implementation, only what the API uses.
 */
export function schemaValue(schema: Schema, resolve: RefResolver, depth = 0): fc.Arbitrary<Json> {
  if (typeof schema.$ref === 'string') {
    return depth >= MAX_REF_DEPTH
      ? fc.constant(null)
      : schemaValue(resolve(schema.$ref), resolve, depth + 1)
  }
  const choices = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined
  if (choices) {
    return fc.oneof(...choices.map((choice) => schemaValue(choice, resolve, depth)))
  }
  if ('const' in schema) {
    return fc.constant(fromPlain(schema.const))
  }
  if (Array.isArray(schema.enum)) {
    return fc.constantFrom(...(schema.enum as Json[]))
  }
  switch (schema.type) {
    case 'string':
      return stringValue(schema)
    case 'integer':
      return fc.integer({
        min: (schema.minimum as number) ?? -1_000_000,
        max: (schema.maximum as number) ?? 1_000_000,
      })
    case 'number':
      return fc.double({
        min: (schema.minimum as number) ?? -1e6,
        max: (schema.maximum as number) ?? 1e6,
        noNaN: true,
      })
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array': {
      const minLength = (schema.minItems as number) ?? 0
      const maxLength = Math.max(
        minLength,
        Math.min((schema.maxItems as number) ?? MAX_ITEMS, MAX_ITEMS),
      )
      const items = schemaValue((schema.items ?? {}) as Schema, resolve, depth)
      return schema.uniqueItems
        ? fc.uniqueArray(items, { minLength, maxLength, selector: (item) => JSON.stringify(item) })
        : fc.array(items, { minLength, maxLength })
    }
    case 'object':
      return objectValue(schema, resolve, depth)
  }
  return fc.jsonValue().map(fromPlain)
}
