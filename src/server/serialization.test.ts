import { randomUUID } from 'node:crypto'
import { Type } from '@sinclair/typebox'
import { describe, expect, it } from 'vitest'
import { Nullable, Timestamp, Uid } from '../contract/common'
import { Task } from '../contract/tasks'
import { serializerCompiler, withNullableFlags } from './serialization'

type Schema = Record<string, unknown>

const serializerFor = (schema: unknown) =>
  serializerCompiler({ schema, method: 'GET', url: '/', httpStatus: '200' }) as (
    data: unknown,
  ) => string

/** A value for each property of the task schema: null where allowed and `nulls` says so. */
function sampleTask(nulls: boolean): Record<string, unknown> {
  const sample = (schema: Schema): unknown => {
    const choices = schema.anyOf as Schema[] | undefined
    if (choices) {
      return nulls ? null : sample(choices[0] as Schema)
    }
    switch (schema.type) {
      case 'string':
        return schema.format === 'date-time'
          ? '2026-12-05T10:00:00.000Z'
          : schema.format === 'uuid'
            ? randomUUID()
            : ((schema.enum as string[] | undefined)?.[0] ?? 'text "quoted" é')
      case 'integer':
        return 42
      case 'boolean':
        return true
      case 'array':
        return ['a', 'b']
      default:
        return { title: 'A claim', country: 'FR', amount: 1.5 }
    }
  }
  const properties = Task.properties as unknown as Record<string, Schema>
  return Object.fromEntries(
    Object.entries(properties)
      .filter(([key]) => !['assignee', 'parent', 'children'].includes(key))
      .map(([key, schema]) => [key, sample(schema)]),
  )
}

describe('response serialization', () => {
  it('marks each Nullable(schema) as nullable and leaves other unions alone', () => {
    const schema = Type.Object({
      at: Nullable(Timestamp),
      by: Nullable(Uid),
      either: Type.Union([Type.String(), Type.Integer()]),
    })
    const flagged = withNullableFlags(schema) as { properties: Record<string, Schema> }
    // As JSON: TypeBox's symbol keys mean nothing to a serializer.
    const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown
    expect(flagged.properties.at).toEqual({ ...(plain(Timestamp) as Schema), nullable: true })
    expect(flagged.properties.by).toEqual({ ...(plain(Uid) as Schema), nullable: true })
    expect(flagged.properties.either).toEqual(plain(schema.properties.either))
    // The contract itself (and the OpenAPI document) keeps the standard anyOf.
    expect(schema.properties.at.anyOf).toHaveLength(2)
  })

  it('writes a task with every nullable field null, or every one set, as JSON.stringify would', () => {
    const serialize = serializerFor(Task)
    for (const task of [sampleTask(true), sampleTask(false)]) {
      expect(JSON.parse(serialize(task))).toEqual(task)
    }
  })

  it('writes an expanded assignee and parent, or null for either', () => {
    const serialize = serializerFor(Task)
    const task = sampleTask(false)
    const assignee = {
      uid: randomUUID(),
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      first_name: 'Ada',
      last_name: 'Lovelace',
      role: 'operator',
      skills: ['fr'],
      archived: false,
      created_at: '2026-12-01T08:00:00.000Z',
    }
    const parent = sampleTask(true)
    expect(JSON.parse(serialize({ ...task, assignee, parent }))).toEqual({
      ...task,
      assignee,
      parent,
    })
    expect(JSON.parse(serialize({ ...task, assignee: null, parent: null }))).toEqual({
      ...task,
      assignee: null,
      parent: null,
    })
  })
})
