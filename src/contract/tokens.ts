import { type Static, Type } from '@sinclair/typebox'
import { Nullable, Role, Timestamp, Uid } from './common'

export const ApiToken = Type.Object(
  {
    uid: Uid,
    name: Type.String(),
    role: Role,
    last4: Type.String({ description: 'The last four characters, to recognise a token.' }),
    user_uid: Uid,
    rate_limit_per_minute: Nullable(Type.Integer()),
    created_at: Timestamp,
    expires_at: Nullable(Timestamp),
    last_used_at: Nullable(Timestamp),
    revoked_at: Nullable(Timestamp),
  },
  { $id: 'ApiToken' },
)
export type ApiToken = Static<typeof ApiToken>

export const CreateTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: Type.Optional(Role),
    rate_limit_per_minute: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    expires_at: Type.Optional(Timestamp),
  },
  {
    $id: 'CreateTokenBody',
    description:
      'A new token for the calling user. Its role defaults to, and may not exceed, the caller’s.',
  },
)
export type CreateTokenBody = Static<typeof CreateTokenBody>

export const CreatedToken = Type.Object(
  {
    ...ApiToken.properties,
    token: Type.String({ description: 'The raw token. Shown once: it is stored hashed.' }),
  },
  { $id: 'CreatedToken' },
)
