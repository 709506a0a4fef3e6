import { type Static, Type } from '@sinclair/typebox'
import { Role, Uid } from './common'

export const Account = Type.Object(
  {
    organization: Type.Object({ uid: Uid, name: Type.String() }),
    user: Type.Object({ uid: Uid, email: Type.String(), name: Type.String(), role: Role }),
    token: Type.Object({ uid: Uid, name: Type.String(), role: Role }),
    role: Role,
  },
  { $id: 'Account', description: 'Who the token acts as: its organization, user and role.' },
)
export type Account = Static<typeof Account>
