import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { AppError } from '../../contract/errors'

/** Where `npm run build:web` puts the web app. */
export const WEB_DIST = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'web',
  'dist',
)

/**
 * Serves the built web app at `/`, with every other non-API path answered by index.html so
 * that the app's own routes survive a reload. Without a build, `/` says how to make one.
 */
export async function registerWebApp(app: FastifyInstance, root = WEB_DIST): Promise<void> {
  const built = existsSync(join(root, 'index.html'))
  if (built) {
    await app.register(fastifyStatic, { root, wildcard: false, index: ['index.html'] })
  }
  app.get('/*', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    if (request.url.startsWith('/api/')) {
      throw new AppError('not_found', `No route ${request.method} ${request.url.split('?')[0]}.`)
    }
    if (!built) {
      return reply
        .type('text/plain; charset=utf-8')
        .send('The web app is not built: run `npm run build:web`. The API is at /api/v1.')
    }
    return reply.type('text/html; charset=utf-8').sendFile('index.html')
  })
}
