import { Type } from '@sinclair/typebox'
import { createForm } from '../../app/create-form'
import { deleteForm } from '../../app/delete-form'
import { getForm, listForms } from '../../app/read-forms'
import { updateForm } from '../../app/update-form'
import { errorResponses, UidParams } from '../../contract/common'
import {
  CreateFormBody,
  Form,
  FormList,
  MAX_FORMS_PER_ORG,
  UpdateFormBody,
} from '../../contract/forms'
import { presentForm } from '../../presenters/form'
import { actingAs } from '../request-context'
import type { Api, RouteDeps } from '../types'

const errors = errorResponses(401, 403, 404, 409, 422)

/** Forms: sections of field definitions, for completing tasks and creating them by hand. */
export function registerFormRoutes(api: Api, { db }: RouteDeps): void {
  api.get(
    '/forms',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'The forms, by name',
        tags: ['forms'],
        response: { 200: FormList, ...errors },
      },
    },
    async (request) => ({ items: (await listForms(actingAs(request, db))).map(presentForm) }),
  )

  api.get(
    '/forms/:uid',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'A form',
        tags: ['forms'],
        params: UidParams,
        response: { 200: Form, ...errors },
      },
    },
    async (request) => presentForm(await getForm(actingAs(request, db), request.params.uid)),
  )

  api.post(
    '/forms',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Create a form',
        description: `Each item names a field definition by key (422 at \`/body/sections/{i}/items/{j}/key\` for an unknown key or one already in the form). Names are unique (409 \`name_taken\`); at most ${MAX_FORMS_PER_ORG} forms (409 \`limit_reached\`). Attach it to a queue with the queue's \`form_uid\`.`,
        tags: ['forms'],
        body: CreateFormBody,
        response: { 200: Form, ...errors },
      },
    },
    async (request) => presentForm(await createForm(actingAs(request, db), request.body)),
  )

  api.patch(
    '/forms/:uid',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Change a form',
        description: 'New `sections` replace the old ones whole and are checked as on creation.',
        tags: ['forms'],
        params: UidParams,
        body: UpdateFormBody,
        response: { 200: Form, ...errors },
      },
    },
    async (request) =>
      presentForm(await updateForm(actingAs(request, db), request.params.uid, request.body)),
  )

  api.delete(
    '/forms/:uid',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Delete a form',
        description:
          'Queues completed through it are left without a form (`form_uid` null). Tasks keep their values and `metadata_form_uid`.',
        tags: ['forms'],
        params: UidParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteForm(actingAs(request, db), request.params.uid)
      return reply.code(204).send(null)
    },
  )
}
