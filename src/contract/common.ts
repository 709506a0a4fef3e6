import { type TSchema, Type } from '@sinclair/typebox'
import { ERRORS } from './errors'

/** A string enum rendered as a plain JSON Schema `enum` (clean OpenAPI, clear errors). */
export function StringEnum<const T extends readonly string[]>(values: T, options = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options })
}

export const Uid = Type.String({ format: 'uuid', description: 'A UUID.' })

export const Timestamp = Type.String({
  format: 'date-time',
  description: 'ISO 8601 date-time with a time zone, e.g. 2025-09-11T12:00:00.000Z.',
})

export const Nullable = <T extends TSchema>(schema: T) =>
  Type.Union([schema, Type.Null()], { default: undefined })

export const UidParams = Type.Object({ uid: Uid })

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: StringEnum(Object.keys(ERRORS) as (keyof typeof ERRORS)[]),
      message: Type.String(),
      request_id: Type.String(),
      fields: Type.Optional(
        Type.Array(Type.Object({ path: Type.String(), message: Type.String() }), {
          description: 'For validation_failed: every wrong field, as a JSON pointer.',
        }),
      ),
    }),
  },
  { $id: 'Error', description: 'The one shape of every error response.' },
)

export const ROLES = ['super_admin', 'admin', 'operator', 'viewer'] as const
export const Role = StringEnum(ROLES, { description: 'What the token may do.' })

/** The error responses a route documents, by status: each has the one error shape. */
export function errorResponses<const S extends readonly number[]>(
  ...statuses: S
): { [K in S[number]]: typeof ErrorResponse } {
  return Object.fromEntries(statuses.map((status) => [status, ErrorResponse])) as {
    [K in S[number]]: typeof ErrorResponse
  }
}
