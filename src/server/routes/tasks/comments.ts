import { Type } from '@sinclair/typebox'
import { Comment, CreateCommentBody } from '../../../contract/comments'
import { errorResponses, UidParams } from '../../../contract/common'
import { taskNotFound } from '../../../contract/errors'
import { presentComment } from '../../../presenters/comment'
import { insertComment, listComments } from '../../../store/comments'
import { findTask } from '../../../store/tasks'
import { principalOf } from '../../plugins/auth'
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
    async (request) => {
      const principal = principalOf(request)
      const comment = await insertComment(db.pool, {
        orgUid: principal.orgUid,
        taskUid: request.params.uid,
        authorUid: principal.userUid,
        text: request.body.text,
      })
      if (!comment) {
        throw taskNotFound()
      }
      return presentComment(comment)
    },
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
    async (request) => {
      const { orgUid } = principalOf(request)
      const [task, comments] = await Promise.all([
        findTask(db.pool, orgUid, request.params.uid),
        listComments(db.pool, orgUid, request.params.uid),
      ])
      if (!task) {
        throw taskNotFound()
      }
      return { items: comments.map(presentComment) }
    },
  )
}
