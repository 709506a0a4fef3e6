/**
 * The Tessera SDK: a typed client of the REST API, generated from its OpenAPI document.
 * Regenerate the types with `npm run gen:sdk` after changing the API.
 */
export { createTesseraClient, type TesseraClient, type TesseraClientOptions } from './client'
export { type FetchResult, TesseraApiError, UNEXPECTED_RESPONSE, unwrap } from './errors'
export type { components, paths } from './schema'
export type {
  Account,
  ApiErrorBody,
  ApiToken,
  BatchCreateBody,
  BatchResponse,
  BatchUpdateBody,
  BatchUpsertBody,
  Comment,
  CreateCommentBody,
  CreatedToken,
  CreateTaskBody,
  CreateTokenBody,
  ErrorCode,
  FieldError,
  ListTasksQuery,
  Schema,
  Task,
  TaskPage,
  TaskStatus,
  UpdateTaskBody,
  UpsertTaskBody,
} from './types'
