import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { ROLES } from '../../src/contract/common'
import { ensureOrganization, ensureUser } from '../../src/store/accounts'
import { type DatabaseLocation, openDatabase, withTransaction } from '../../src/store/database'
import { migrate } from '../../src/store/migrate'
import { insertToken } from '../../src/store/tokens'
import { embeddedDatabaseUrl } from './embedded-url'
import type { EngineUnderTest } from './engines'
import { type ServerProcess, startServer } from './server-process'
import { makeTempDir } from './temp-dir'
import type { SeededTenant } from './tenants'

/** Organizations made before the servers start; each test claims fresh ones. */
const TENANTS = 240

/** Seeds every tenant in one transaction: a few thousand inserts, a second or two. */
async function seedTenants(location: DatabaseLocation, file: string): Promise<void> {
  const db = await openDatabase(location)
  try {
    await migrate(db)
    const tenants = await withTransaction(db, async (client) => {
      const seeded: SeededTenant[] = []
      for (let i = 0; i < TENANTS; i++) {
        const orgName = `test-org-${i}`
        const { organization } = await ensureOrganization(client, orgName)
        const tokens: Partial<SeededTenant['tokens']> = {}
        for (const role of ROLES) {
          const user = await ensureUser(client, {
            orgUid: organization.uid,
            email: `${role}@${orgName}.test`,
            name: role,
            role,
          })
          const { raw } = await insertToken(client, {
            orgUid: organization.uid,
            userUid: user.uid,
            name: `${role} token`,
            role,
          })
          tokens[role] = raw
        }
        seeded.push({ orgName, tokens: tokens as SeededTenant['tokens'] })
      }
      return seeded
    })
    writeFileSync(file, JSON.stringify(tenants))
  } finally {
    await db.close()
  }
}

async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  } finally {
    await admin.end()
  }
}

/**
 * Starts one real server process per engine: PGlite and the embedded PostgreSQL always, a
 * PostgreSQL server too when TEST_DATABASE_URL is set (in a throwaway database created there).
 */
export async function setup(project: TestProject) {
  const workDir = makeTempDir('tessera-test-')
  const servers: ServerProcess[] = []
  const engines: EngineUnderTest[] = []
  const adminUrl = process.env.TEST_DATABASE_URL
  const pgName = `tessera_test_${process.pid}_${Date.now()}`

  const prepare = async (
    name: EngineUnderTest['name'],
    location: DatabaseLocation,
    args: string[],
    databaseUrl: string | undefined,
  ) => {
    const tenantsFile = join(workDir, `${name}-tenants.json`)
    const claimsDir = join(workDir, `${name}-claims`)
    mkdirSync(claimsDir)
    await seedTenants(location, tenantsFile)
    const server = await startServer(args, { TESSERA_RATE_LIMIT: '100000' })
    servers.push(server)
    engines.push({ name, baseUrl: server.url, tenantsFile, claimsDir, databaseUrl })
  }

  const pgliteDir = join(workDir, 'pglite-data')
  const embeddedDir = join(workDir, 'embedded-data')
  const tasks = [
    prepare(
      'pglite',
      { dataDir: pgliteDir, engine: 'pglite' },
      ['--data', pgliteDir, '--engine', 'pglite'],
      undefined,
    ),
    prepare(
      'embedded',
      { dataDir: embeddedDir, engine: 'postgres' },
      ['--data', embeddedDir],
      adminUrl ? undefined : embeddedDatabaseUrl(embeddedDir),
    ),
  ]
  if (adminUrl) {
    const databaseUrl = await createDatabase(adminUrl, pgName)
    tasks.push(prepare('postgres', { databaseUrl }, ['--database-url', databaseUrl], databaseUrl))
  }
  await Promise.all(tasks)
  engines.sort((a, b) => a.name.localeCompare(b.name))
  project.provide('engines', engines)

  return async () => {
    await Promise.all(servers.map((server) => server.stop()))
    if (adminUrl) {
      await dropDatabase(adminUrl, pgName)
    }
    rmSync(workDir, { recursive: true, force: true })
  }
}
