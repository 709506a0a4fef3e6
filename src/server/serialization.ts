import fastJson from 'fast-json-stringify'
import type { FastifySerializerCompiler } from 'fastify/types/schema'
import { isJsonObject } from '../core/conditions/json-values'

type Schema = Record<string, unknown>

/** The schema `node` makes nullable, when it is `anyOf: [schema, { type: 'null' }]`. */
function nullableOf(node: Schema): Schema | null {
  const choices = node.anyOf
  if (!Array.isArray(choices) || choices.length !== 2) {
    return null
  }
  const [schema, none] = choices as unknown[]
  const plain =
    isJsonObject(schema) &&
    typeof schema.type === 'string' &&
    schema.anyOf === undefined &&
    schema.oneOf === undefined
  return plain && isJsonObject(none) && none.type === 'null' && Object.keys(none).length === 1
    ? schema
    : null
}

/**
 * A copy of a response schema in which every `Nullable(schema)` of the contract (`anyOf` of
 * the schema and null) says `nullable: true` instead. fast-json-stringify picks an `anyOf`
 * branch by running Ajv on the value, for every nullable field of every response: a task has
 * fourteen nullable date-times, each checked against the date-time format on its way out.
 * With the flag it writes null or the value. The contract, and the OpenAPI document made from
 * it, keep the standard `anyOf`.
 */
export function withNullableFlags(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(withNullableFlags)
  }
  if (!isJsonObject(node)) {
    return node
  }
  const schema = nullableOf(node)
  if (schema) {
    const { anyOf: _choices, default: preset, ...siblings } = node
    return withNullableFlags({
      ...schema,
      ...siblings,
      ...(preset === undefined ? {} : { default: preset }),
      nullable: true,
    })
  }
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, withNullableFlags(value)]),
  )
}

/** Fastify's serializer compiler: fast-json-stringify, on the schema with nullable flags. */
export const serializerCompiler: FastifySerializerCompiler<unknown> = ({ schema }) =>
  fastJson(withNullableFlags(schema) as Parameters<typeof fastJson>[0])
