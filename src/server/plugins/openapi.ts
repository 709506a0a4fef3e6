import { STATUS_CODES } from 'node:http'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import { ERRORS } from '../../contract/errors'
import { DEFAULT_SERVER_CONFIG } from '../config'
import { validatorCompiler } from '../validation'
import { formatBytes } from './json-body'

const ERROR_TABLE = Object.entries(ERRORS)
  .map(([code, { status, description }]) => `| ${status} | \`${code}\` | ${description} |`)
  .join('\n')

const DESCRIPTION = `Tessera's task API, compatible with Fragment's public API: a script written for Fragment runs against Tessera with only the base URL changed.

Authenticate with \`Authorization: Bearer <token>\`. Every error has the shape \`{"error": {"code", "message", "request_id", "fields"?}}\`:

| status | code | meaning |
| --- | --- | --- |
${ERROR_TABLE}

Rate limits are per token, over one-minute windows; every response carries \`RateLimit-Limit\`, \`RateLimit-Remaining\` and \`RateLimit-Reset\`, and a 429 carries \`Retry-After\`.

Bodies are JSON (\`Content-Type: application/json\`) of at most ${formatBytes(DEFAULT_SERVER_CONFIG.bodyLimit)}, or ${formatBytes(DEFAULT_SERVER_CONFIG.batchBodyLimit)} for \`/tasks/batch\`; a larger one is refused with 413 \`payload_too_large\`, whose message states the limit. An absent or empty body is read as \`{}\`, whatever content type came with it: where every field is optional the body may be left out.`

const COMPONENTS = '#/components/schemas/'
/** A `$ref` naming a schema by its `$id` (TypeBox recursive types refer to themselves so). */
const ID_REF = /^([A-Za-z_][\w.-]*)#?$/
const METHOD_ORDER = ['get', 'put', 'post', 'patch', 'delete', 'options', 'head', 'trace']

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Copies `node`, replacing every schema that has an `$id` (Task, Error…) by a `$ref` to
 * `#/components/schemas/<$id>` and collecting it in `components`. Without this the
 * document inlines Task in every operation and names nested ones `def-0`, `def-1`…, so
 * generated clients would have no `Task` type. The contract schemas are never mutated:
 * they also validate requests.
 */
function hoist(node: unknown, components: Map<string, JsonObject>): Json {
  if (Array.isArray(node)) {
    return node.map((item) => hoist(item, components))
  }
  if (!isObject(node)) {
    return node as Json
  }
  const copy: JsonObject = {}
  for (const [key, value] of Object.entries(node)) {
    const idRef = key === '$ref' && typeof value === 'string' ? ID_REF.exec(value) : null
    copy[key] = idRef ? `${COMPONENTS}${idRef[1]}` : hoist(value, components)
  }
  const id = copy.$id
  if (typeof id !== 'string' || id.startsWith('#')) {
    return copy
  }
  delete copy.$id
  const known = components.get(id)
  if (known && JSON.stringify(known) !== JSON.stringify(copy)) {
    throw new Error(`Two different schemas have the $id ${id}: rename one of them`)
  }
  components.set(id, copy)
  return { $ref: `${COMPONENTS}${id}` }
}

/**
 * The schema of one route as documented: named schemas of bodies and responses become
 * references, and a public route says it needs no token (the document requires one).
 */
function documentRoute(
  schema: unknown,
  isPublic: boolean,
  components: Map<string, JsonObject>,
): unknown {
  if (!isObject(schema)) {
    return schema
  }
  // Parameters stay inline: OpenAPI lists them one by one, not as one schema.
  const { body, response, ...rest } = schema
  return {
    ...rest,
    ...(isPublic ? { security: [] } : {}),
    ...(body === undefined ? {} : { body: hoist(body, components) }),
    ...(response === undefined ? {} : { response: documentResponses(response, components) }),
  }
}

/** Each error status described by its codes; a 409 has several, each saying what to do. */
const ERROR_BY_STATUS = new Map<number, string>()
for (const [code, { status, description }] of Object.entries(ERRORS)) {
  const known = ERROR_BY_STATUS.get(status)
  ERROR_BY_STATUS.set(status, `${known ? `${known} ` : ''}\`${code}\`: ${description}`)
}

/**
 * A route's responses, each with a description (shown by the docs page and generated
 * clients) instead of @fastify/swagger's "Default Response": the error code for errors.
 */
function documentResponses(response: unknown, components: Map<string, JsonObject>): Json {
  const hoisted = hoist(response, components)
  if (!isObject(hoisted)) {
    return hoisted
  }
  const described: JsonObject = {}
  for (const [status, schema] of Object.entries(hoisted)) {
    const isError = isObject(schema) && schema.$ref === `${COMPONENTS}Error`
    const description =
      (isError ? ERROR_BY_STATUS.get(Number(status)) : undefined) ??
      STATUS_CODES[status] ??
      'Response'
    // @fastify/swagger reads x-response-description of an inline schema and removes it;
    // of a reference it keeps only `description`, read as the response's.
    described[status] = isObject(schema)
      ? {
          ...schema,
          ...(schema.$ref ? { description } : { 'x-response-description': description }),
        }
      : schema
  }
  return described
}

function sortedByKey<T>(entries: [string, T][]): Record<string, T> {
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** `POST /player/complete`: how {@link isBodyOptional}'s findings are keyed. */
const operationKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`

/**
 * Whether `{}` is a valid body for the route, checked by the validator requests meet: then
 * the body may be left out, as the server reads an absent body as `{}` (plugins/json-body.ts).
 */
function isBodyOptional(body: unknown, method: string, url: string): boolean {
  if (!isObject(body)) {
    return false
  }
  const validate = validatorCompiler({ schema: body, method, url, httpPart: 'body' })
  return validate({}) === true
}

/**
 * @fastify/swagger marks every request body required; those the server takes as `{}` when
 * left out are not.
 */
function markOptionalBodies(paths: JsonObject, optionalBodies: Set<string>): void {
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(isObject(item) ? item : {})) {
      const requestBody = isObject(operation) ? operation.requestBody : undefined
      if (isObject(requestBody) && optionalBodies.has(operationKey(method, path))) {
        requestBody.required = false
      }
    }
  }
}

/**
 * Puts the collected components in the document and orders paths, methods and components,
 * so that the document (and the SDK generated from it) changes only when the API does.
 */
function finishDocument(
  document: Record<string, unknown>,
  components: Map<string, JsonObject>,
  optionalBodies: Set<string>,
): Record<string, unknown> {
  const paths = isObject(document.paths) ? document.paths : {}
  markOptionalBodies(paths, optionalBodies)
  const sortedPaths = sortedByKey(
    Object.entries(paths).map(([path, item]): [string, Json] => [
      path,
      isObject(item)
        ? Object.fromEntries(
            Object.entries(item).sort(
              ([a], [b]) => METHOD_ORDER.indexOf(a) - METHOD_ORDER.indexOf(b),
            ),
          )
        : item,
    ]),
  )
  const given = isObject(document.components) ? document.components : {}
  const schemas = isObject(given.schemas) ? given.schemas : {}
  for (const name of components.keys()) {
    if (name in schemas) {
      throw new Error(`The component schema ${name} is defined twice`)
    }
  }
  const allSchemas = sortedByKey([...Object.entries(schemas), ...components.entries()])
  return {
    ...document,
    paths: sortedPaths,
    components: { ...given, schemas: allSchemas },
  }
}

/**
 * The OpenAPI 3.1 document, generated from the same schemas that validate requests, at
 * `/api/v1/openapi.json`, and a browsable page at `/api/v1/docs`. Both are public.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  // Filled while @fastify/swagger transforms the routes, read when it finishes the document
  // (it builds the document once and caches it).
  const components = new Map<string, JsonObject>()
  const optionalBodies = new Set<string>()
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Tessera API', version: '1.0.0', description: DESCRIPTION },
      servers: [{ url: '/api/v1' }],
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
      security: [{ bearer: [] }],
    },
    transform: ({ schema, url, route }) => {
      const path = url.replace(/^\/api\/v1/, '')
      for (const method of [route.method].flat()) {
        if (isBodyOptional(schema?.body, method, url)) {
          optionalBodies.add(operationKey(method, path.replace(/:(\w+)/g, '{$1}')))
        }
      }
      return {
        schema: documentRoute(schema, route.config?.public === true, components) as typeof schema,
        url: path,
      }
    },
    transformObject: (documentObject) => {
      if (!('openapiObject' in documentObject)) {
        return documentObject.swaggerObject
      }
      const { openapiObject } = documentObject
      return finishDocument(openapiObject, components, optionalBodies) as typeof openapiObject
    },
  })
  await app.register(async (docs) => {
    // The docs page, its assets and its copy of the document need no token: mark every
    // route swagger-ui adds (in this context only) as public for the auth hook.
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true }
    })
    await docs.register(swaggerUi, {
      routePrefix: '/api/v1/docs',
      uiConfig: { docExpansion: 'list', deepLinking: true },
    })
  })
  app.get('/api/v1/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  )
}
