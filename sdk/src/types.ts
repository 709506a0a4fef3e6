import type { components, paths } from './schema'

type Schemas = components['schemas']

/** Any schema of the API by its name in the OpenAPI document: `Schema<'Task'>`. */
export type Schema<Name extends keyof Schemas> = Schemas[Name]

/** A task, as every endpoint returns it. */
export type Task = Schemas['Task']
/** `TODO`, `STARTED` or `DONE`. */
export type TaskStatus = Task['status']
/** One page of `GET /tasks`: `items` and `meta` (`next_cursor`, `total_count`…). */
export type TaskPage = Schemas['TaskPage']
/** Body of `POST /tasks`. */
export type CreateTaskBody = Schemas['CreateTaskBody']
/** Body of `PUT /tasks/{uid}`. */
export type UpsertTaskBody = Schemas['UpsertTaskBody']
/** Body of `PATCH /tasks/{uid}`: `fields` are merged key by key. */
export type UpdateTaskBody = Schemas['UpdateTaskBody']
/** Bodies and answer of `POST`, `PUT` and `PATCH /tasks/batch`. */
export type BatchCreateBody = Schemas['BatchCreateBody']
export type BatchUpsertBody = Schemas['BatchUpsertBody']
export type BatchUpdateBody = Schemas['BatchUpdateBody']
export type BatchResponse = Schemas['BatchResponse']
/** A comment on a task, and the body that creates one. */
export type Comment = Schemas['Comment']
export type CreateCommentBody = Schemas['CreateCommentBody']
/** Who a token acts as (`GET /accounts/me`). */
export type Account = Schemas['Account']
/** API tokens (`/tokens`); `CreatedToken` carries the raw token, shown once. */
export type ApiToken = Schemas['ApiToken']
export type CreatedToken = Schemas['CreatedToken']
export type CreateTokenBody = Schemas['CreateTokenBody']

/** The body of every error response: `{ error: { code, message, request_id, fields? } }`. */
export type ApiErrorBody = Schemas['Error']
/** A stable, machine-readable error code (`not_found`, `validation_failed`…). */
export type ErrorCode = ApiErrorBody['error']['code']
/** One wrong input of a 422: a JSON pointer such as `/body/fields/title`, and what is wrong. */
export type FieldError = NonNullable<ApiErrorBody['error']['fields']>[number]

/**
 * Query of `GET /tasks`. Besides the documented parameters (`limit`, `sort`, `status`…),
 * any other key filters on the custom field of that name (`{ country: 'FR' }`); an array
 * means "any of" (`{ country: ['FR', 'DE'] }`).
 */
export type ListTasksQuery = NonNullable<paths['/tasks']['get']['parameters']['query']> & {
  [customField: string]: string | number | boolean | string[] | undefined
}
