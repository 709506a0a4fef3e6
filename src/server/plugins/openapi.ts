import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import { ERRORS } from '../../contract/errors'

const ERROR_TABLE = Object.entries(ERRORS)
  .map(([code, { status, description }]) => `| ${status} | \`${code}\` | ${description} |`)
  .join('\n')

const DESCRIPTION = `Tessera's task API, compatible with Fragment's public API: a script written for Fragment runs against Tessera with only the base URL changed.

Authenticate with \`Authorization: Bearer <token>\`. Every error has the shape \`{"error": {"code", "message", "request_id", "fields"?}}\`:

| status | code | meaning |
| --- | --- | --- |
${ERROR_TABLE}

Rate limits are per token, over one-minute windows; every response carries \`RateLimit-Limit\`, \`RateLimit-Remaining\` and \`RateLimit-Reset\`, and a 429 carries \`Retry-After\`.`

/**
 * The OpenAPI 3.1 document, generated from the same schemas that validate requests, at
 * `/api/v1/openapi.json`, and a browsable page at `/api/v1/docs`.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
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
    transform: ({ schema, url }) => ({ schema, url: url.replace(/^\/api\/v1/, '') }),
  })
  await app.register(swaggerUi, {
    routePrefix: '/api/v1/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true },
  })
  app.get('/api/v1/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  )
}
