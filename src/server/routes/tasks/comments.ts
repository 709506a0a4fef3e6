import { Type } from '@sinclair/typebox'
import { addComment } from '../../../app/add-comment'
import { listTaskComments } from '../../../app/read-task-history'
import { Comment, CreateCommentBody } from '../../../contract/comments'
import { errorResponses, UidParams } from '../../../contract/common'
import { presentComment } from '../../../presenters/comment'
import { actingAs } from '../../request-context'
import type { Api, RouteDeps } from '../../types'

const errors = errorResponses(401, 403, 404, 422)

/** Comments on a task: the author and time are recorded by the server. */
export function registerCommentRoutes(api: Api, { db }: RouteDeps): void {
  api.post(
    '/tasks/:uid/comments',
    {
      config: { role: 'operator' },
      schema: {
        summary: 'Comment on a task',
        tags: ['comments'],
        params: UidParams,
        body: CreateCommentBody,
        response: { 200: Comment, ...errors },
      },
    },
    async (request) =>
      presentComment(
        await addComment(actingAs(request, db), request.params.uid, request.body.text),
      ),
  )

  api.get(
    '/tasks/:uid/comments',
    {
      config: { role: 'viewer' },
      schema: {
        summary: "A task's comments, oldest first",
        tags: ['comments'],
        params: UidParams,
        response: { 200: Type.Object({ items: Type.Array(Comment) }), ...errors },
      },
    },
    async (request) => ({
      items: (await listTaskComments(actingAs(request, db), request.params.uid)).map(
        presentComment,
      ),
    }),
  )
}
