import { type Static, Type } from '@sinclair/typebox'
import { Role, Timestamp, Uid } from './common'

const Skills = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  maxItems: 100,
  uniqueItems: true,
  description:
    'Skills of an operator: they are only handed tasks whose required skills they all have.',
})

/** Shortest password accepted (NIST SP 800-63B asks for at least 8): the API and the CLI. */
export const MIN_PASSWORD_LENGTH = 8

const Password = Type.String({
  minLength: MIN_PASSWORD_LENGTH,
  maxLength: 1000,
  description:
    'For signing in to the web app; stored as a scrypt hash. Changing it signs the user out everywhere.',
})

export const User = Type.Object(
  {
    uid: Uid,
    email: Type.String(),
    name: Type.String(),
    role: Role,
    skills: Type.Array(Type.String()),
    active: Type.Boolean(),
    created_at: Timestamp,
  },
  { $id: 'User' },
)
export type User = Static<typeof User>

export const CreateUserBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 320 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: Role,
    skills: Type.Optional(Skills),
    password: Type.Optional(Password),
  },
  { $id: 'CreateUserBody' },
)
export type CreateUserBody = Static<typeof CreateUserBody>

export const UpdateUserBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    role: Type.Optional(Role),
    skills: Type.Optional(Skills),
    active: Type.Optional(
      Type.Boolean({ description: 'A deactivated user is handed no task and cannot sign in.' }),
    ),
    password: Type.Optional(Password),
  },
  { $id: 'UpdateUserBody' },
)
export type UpdateUserBody = Static<typeof UpdateUserBody>
