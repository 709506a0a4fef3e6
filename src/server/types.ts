import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify'
import type { KeyRing } from '../core/secrets'
import type { Database } from '../store/database'
import type { ServerConfig } from './config'

/** The Fastify instance routes are registered on: handler types come from the schemas. */
export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>

/** What route modules need from the outside world. */
export interface RouteDeps {
  db: Database
  config: ServerConfig
  /** Seals and opens secrets at rest: use cases that need it take `{ ...actingAs(…), keys }`. */
  keys: KeyRing
}
