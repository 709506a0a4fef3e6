import { type Static, Type } from '@sinclair/typebox'
import { Timestamp, Uid } from './common'

export const Comment = Type.Object(
  {
    uid: Uid,
    task_uid: Uid,
    text: Type.String(),
    created_at: Timestamp,
    author: Type.Object({ uid: Uid, name: Type.String(), email: Type.String() }),
  },
  { $id: 'Comment' },
)
export type Comment = Static<typeof Comment>

export const CreateCommentBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 20_000 }) },
  { $id: 'CreateCommentBody' },
)
