import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import rateLimit from '@fastify/rate-limit'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerWebApp } from './web-app'

describe('the web app files', () => {
  let root: string
  let app: FastifyInstance

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'tessera-web-app-'))
    mkdirSync(join(root, 'assets'))
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Tessera</title>')
    writeFileSync(join(root, 'assets', 'app-Dgb8ZXJU.js'), 'console.log(1)')
    app = Fastify()
    // One request a minute: any file counted by the limiter would be refused at once.
    await app.register(rateLimit, { global: true, max: 1, timeWindow: 60_000 })
    app.get('/api/v1/ping', async () => ({ ok: true }))
    await registerWebApp(app, root)
    await app.ready()
  })

  afterAll(async () => {
    await app.close()
    rmSync(root, { recursive: true, force: true })
  })

  it('serves hashed assets for a year and immutable, outside the rate limit', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await app.inject('/assets/app-Dgb8ZXJU.js')
      expect(res.statusCode).toBe(200)
      expect(res.body).toBe('console.log(1)')
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
      expect(res.headers['x-ratelimit-limit']).toBeUndefined()
    }
    expect((await app.inject('/assets/missing-XXXX.js')).statusCode).toBe(404)
  })

  it('answers the app routes with index.html, revalidated on every load, outside the rate limit', async () => {
    for (const path of ['/', '/tasks/123', '/settings/notifications', '/']) {
      const res = await app.inject(path)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(res.headers['cache-control']).toBe('no-cache')
      expect(res.body).toContain('<title>Tessera</title>')
    }
  })

  it('leaves the API under the rate limit', async () => {
    expect((await app.inject('/api/v1/ping')).statusCode).toBe(200)
    expect((await app.inject('/api/v1/ping')).statusCode).toBe(429)
  })
})
