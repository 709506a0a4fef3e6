import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
// biome-ignore lint/style/noRestrictedImports: buildApp needs a key ring; a throwaway one, never used.
import { keyRing } from '../../src/core/secrets'
// biome-ignore lint/style/noRestrictedImports: the generator reads the document from the server's own route schemas; the SDK runtime never imports the server.
import { buildApp } from '../../src/server/app'
// biome-ignore lint/style/noRestrictedImports: as above, the default settings are enough to register every route.
import { DEFAULT_SERVER_CONFIG } from '../../src/server/config'
// biome-ignore lint/style/noRestrictedImports: buildApp needs a Database; a throwaway one is opened and never queried.
import { openDatabase } from '../../src/store/database'

/**
 * Builds the server in this process, without listening and without migrations (routes and
 * their schemas are registered whatever the database holds), and returns the OpenAPI
 * document it would serve at `/api/v1/openapi.json`.
 */
export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-gen-sdk-'))
  try {
    const db = await openDatabase({ dataDir })
    try {
      const keys = keyRing([{ kid: 'sdk', key: randomBytes(32) }])
      const app = await buildApp({ db, config: DEFAULT_SERVER_CONFIG, keys, logger: false })
      try {
        await app.ready()
        // A deep copy: the caller may keep it after the app is closed.
        return structuredClone(app.swagger()) as Record<string, unknown>
      } finally {
        await app.close()
      }
    } finally {
      await db.close()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}
