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

/** Vite's output under /assets/ has content hashes in its names: cached for a year. */
const HASHED_ASSET_MAX_AGE_MS = 365 * 24 * 3_600_000

/**
 * Serves the built web app at `/`, with every other non-API path answered by index.html so
 * that the app's own routes survive a reload. Without a build, `/` says how to make one.
 * The files are static: they are served outside the rate limit (whose counters live in the
 * database) and need no authentication, so a page load costs the database nothing. Hashed
 * assets are cached for good (`immutable`); index.html is revalidated on every load, so a new
 * release reaches browsers at once.
 */
export async function registerWebApp(app: FastifyInstance, root = WEB_DIST): Promise<void> {
  const built = existsSync(join(root, 'index.html'))
  if (built) {
    // Only the reply.sendFile decorator: the one route below serves every file.
    await app.register(fastifyStatic, { root, serve: false })
  }
  app.get(
    '/*',
    { config: { public: true, rateLimit: false }, schema: { hide: true } },
    async (request, reply) => {
      const path = request.url.split('?')[0] ?? '/'
      if (path.startsWith('/api/')) {
        throw new AppError('not_found', `No route ${request.method} ${path}.`)
      }
      if (!built) {
        return reply
          .type('text/plain; charset=utf-8')
          .send('The web app is not built: run `npm run build:web`. The API is at /api/v1.')
      }
      if (path.startsWith('/assets/')) {
        return reply.sendFile(path.slice(1), { immutable: true, maxAge: HASHED_ASSET_MAX_AGE_MS })
      }
      // Another file of the build (an icon): served, but revalidated like the page.
      if (/\/[^/]+\.[A-Za-z0-9]+$/.test(path) && path !== '/index.html') {
        return reply.sendFile(path.slice(1), { maxAge: 0 })
      }
      reply.header('cache-control', 'no-cache')
      return reply.type('text/html; charset=utf-8').sendFile('index.html', { cacheControl: false })
    },
  )
}
