import { Type } from '@sinclair/typebox'
import { createField } from '../../app/create-field'
import { deleteField } from '../../app/delete-field'
import { getField, listFields } from '../../app/read-fields'
import { updateField } from '../../app/update-field'
import { errorResponses, UidParams } from '../../contract/common'
import {
  CreateFieldBody,
  FieldDefinition,
  FieldList,
  MAX_FIELDS_PER_ORG,
  UpdateFieldBody,
} from '../../contract/fields'
import { presentField } from '../../presenters/field'
import { actingAs } from '../request-context'
import type { Api, RouteDeps } from '../types'

const errors = errorResponses(401, 403, 404, 409, 422)

/** Custom field definitions: how the app shows and checks task fields. Admins edit, all read. */
export function registerFieldRoutes(api: Api, { db }: RouteDeps): void {
  api.get(
    '/fields',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'The field definitions, in position order',
        tags: ['fields'],
        response: { 200: FieldList, ...errors },
      },
    },
    async (request) => ({ items: (await listFields(actingAs(request, db))).map(presentField) }),
  )

  api.get(
    '/fields/:uid',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'A field definition',
        tags: ['fields'],
        params: UidParams,
        response: { 200: FieldDefinition, ...errors },
      },
    },
    async (request) => presentField(await getField(actingAs(request, db), request.params.uid)),
  )

  api.post(
    '/fields',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Define a custom field',
        description: `Options only for single_select and multi_select (required there, values unique), a currency only for money (required there). 409 \`key_taken\` for a key already defined; at most ${MAX_FIELDS_PER_ORG} definitions (409 \`limit_reached\`). Tasks are not changed: values that do not fit are flagged by the app, or refused on later writes when the organization has \`strict_fields\`.`,
        tags: ['fields'],
        body: CreateFieldBody,
        response: { 200: FieldDefinition, ...errors },
      },
    },
    async (request) => presentField(await createField(actingAs(request, db), request.body)),
  )

  api.patch(
    '/fields/:uid',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Change a field definition',
        description:
          'The key is fixed. A new type must come with what it needs: `options` for a select, `currency` for money, and `null` for what the old type had and the new one does not (422 otherwise).',
        tags: ['fields'],
        params: UidParams,
        body: UpdateFieldBody,
        response: { 200: FieldDefinition, ...errors },
      },
    },
    async (request) =>
      presentField(await updateField(actingAs(request, db), request.params.uid, request.body)),
  )

  api.delete(
    '/fields/:uid',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Delete a field definition',
        description:
          'Refused with 409 `field_in_use`, naming the forms, while a form asks for the field. Tasks keep their values under the key.',
        tags: ['fields'],
        params: UidParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteField(actingAs(request, db), request.params.uid)
      return reply.code(204).send(null)
    },
  )
}
