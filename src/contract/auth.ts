import { type Static, Type } from '@sinclair/typebox'
import { Account } from './accounts'

export const SignInBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 320 }),
    password: Type.String({ minLength: 1, maxLength: 1000 }),
    organization: Type.Optional(
      Type.String({
        maxLength: 200,
        description: 'Needed only when the email is used in several organizations.',
      }),
    ),
  },
  { $id: 'SignInBody' },
)
export type SignInBody = Static<typeof SignInBody>

export const WebSession = Type.Object(
  {
    account: Account,
    csrf_token: Type.String({
      description:
        'Send it as `x-csrf-token` on every POST, PUT, PATCH and DELETE made with the session cookie.',
    }),
  },
  { $id: 'WebSession' },
)
