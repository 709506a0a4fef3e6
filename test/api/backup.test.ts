import { createHash } from 'node:crypto'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { issueToken } from '../../src/app/issue-token'
import { generateSecretKey, keyIds, parseKeyRing } from '../../src/core/secrets'
import { verifyBackup } from '../../src/store/backup/restore-backup'
import { openDatabase } from '../../src/store/database'
import { migrate } from '../../src/store/migrate'
import { ApiClient } from '../support/api-client'
import { snapshotOrganization } from '../support/api-snapshot'
import { runCli } from '../support/cli'
import { digestDatabase, isUntouched } from '../support/database-digest'
import { createFreshInstance, type FreshInstance } from '../support/fresh-instance'
import {
  type Population,
  populateOrganization,
  startReceiver,
} from '../support/populated-organization'
import { TEST_SECRET_KEY } from '../support/secret-key'
import { type ServerProcess, startServer } from '../support/server-process'
import { makeTempDir } from '../support/temp-dir'
import { waitFor } from '../support/wait-for'

// Every CLI run and server start boots Node, tsx and maybe PGlite: seconds when idle,
// minutes on a loaded machine. The limit only stops a hung test.
const SLOW = 10 * 60_000
const SERVER_ENV = { TESSERA_RATE_LIMIT: '100000', TESSERA_WEBHOOK_POLL_MS: '100' }

const engines = inject('engines')
const adminUrl = engines.find((e) => e.name === 'postgres')?.databaseUrl

/**
 * Rewrites a backup's lines and gzips them again; with `rehash`, the trailer's checksum is
 * recomputed so the file is well-formed and only its content says what is wrong.
 */
function rewriteBackup(
  from: string,
  to: string,
  edit: (lines: string[]) => string[],
  rehash: boolean,
): void {
  const lines = gunzipSync(readFileSync(from)).toString('utf8').trimEnd().split('\n')
  const trailer = JSON.parse(lines.pop() ?? '{}')
  const edited = edit(lines)
  if (rehash) {
    trailer.sha256 = createHash('sha256')
      .update(edited.map((line) => `${line}\n`).join(''))
      .digest('hex')
  }
  writeFileSync(to, gzipSync(`${[...edited, JSON.stringify(trailer)].join('\n')}\n`))
}

describe('the backup commands', () => {
  it('document themselves with --help', { timeout: SLOW }, async () => {
    const [backup, restore] = await Promise.all([
      runCli(['backup', '--help']),
      runCli(['restore', '--help']),
    ])
    expect(backup.code, backup.stderr).toBe(0)
    expect(backup.stdout).toMatch(/^Usage: tessera backup/)
    for (const text of ['--out', '--data', '--database-url', 'while the server keeps serving']) {
      expect(backup.stdout).toContain(text)
    }
    expect(restore.code, restore.stderr).toBe(0)
    expect(restore.stdout).toMatch(/^Usage: tessera restore/)
    for (const text of ['--in', '--data', '--database-url', 'empty', 'PGlite to PostgreSQL']) {
      expect(restore.stdout).toContain(text)
    }
  })
})

describe.each(engines)('backups of $name', (engine) => {
  const others: FreshInstance[] = []
  let workDir: string
  let source: FreshInstance
  let server: ServerProcess | undefined
  let receiver: { url: string; server: Server }
  let population: Population
  let original: Record<string, unknown>
  let backupFile: string | undefined

  const snapshot = (url: string) =>
    snapshotOrganization(
      new ApiClient(url, population.admin),
      new ApiClient(url, population.operator),
      population.taskUids,
    )

  beforeAll(async () => {
    workDir = makeTempDir('tessera-backup-')
    receiver = await startReceiver()
    source = await createFreshInstance(engine.name, adminUrl, 'backup_source')
    const db = await openDatabase(source.location, { poolSize: 1 })
    let admin: string
    let operator: string
    try {
      await migrate(db)
      admin = (await issueToken(db, { orgName: 'acme', tokenName: 'admin', role: 'super_admin' }))
        .raw
      operator = (
        await issueToken(db, {
          orgName: 'acme',
          tokenName: 'operator',
          role: 'operator',
          userEmail: 'operator@acme.test',
        })
      ).raw
    } finally {
      await db.close()
    }
    server = await startServer(source.args, SERVER_ENV)
    const filled = await populateOrganization(server.url, admin, operator, receiver.url)
    population = { admin, operator, ...filled }
    original = await snapshot(server.url)
  }, SLOW)

  afterAll(async () => {
    await server?.stop({ kill: true })
    receiver?.server.closeAllConnections()
    receiver?.server.close()
    await Promise.all([source, ...others].map((instance) => instance?.drop()))
    rmSync(workDir, { recursive: true, force: true })
  }, SLOW)

  it('backs up with the CLI while the server keeps serving', { timeout: SLOW }, async () => {
    const file = join(workDir, 'acme.tessera.gz')
    const run = await runCli(['backup', '--out', file, ...source.args])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(
      /^Backed up [\d,]+ rows of \d+ tables \(schema \d{4}_\w+\) from .+ to .+acme\.tessera\.gz/,
    )
    // Progress is per table, on stderr: the history and the tasks are among them.
    expect(run.stderr).toMatch(/backup tasks: 6 rows/)
    expect(run.stderr).toMatch(/backup task_events: \d+ rows/)
    expect(run.stderr).not.toMatch(/rate_limit_hits/)
    expect(await snapshot(String(server?.url))).toEqual(original)
    if (engine.name === 'pglite') {
      // On PGlite the running server wrote it; the tests below open the directory themselves.
      expect(run.stderr).toMatch(/the server \(process \d+\) holds .*: asking it/)
      await server?.stop()
      server = undefined
    }
    backupFile = file
  })

  it.each(engines.map((target) => target.name))(
    'restores into a new %s instance that serves the same tasks, comments, history and tokens',
    { timeout: SLOW },
    async (targetEngine) => {
      expect(backupFile, 'the backup test must pass first').toBeDefined()
      const target = await createFreshInstance(targetEngine, adminUrl, 'backup_target')
      others.push(target)
      const run = await runCli(['restore', '--in', String(backupFile), ...target.args])
      expect(run.code, run.stderr).toBe(0)
      expect(run.stdout).toMatch(/^Restored [\d,]+ rows of \d+ tables \(schema \d{4}_\w+\) into /)

      const restored = await startServer(target.args, SERVER_ENV)
      try {
        expect(await snapshot(restored.url)).toEqual(original)

        const as = (token: string) => new ApiClient(restored.url, token)
        expect((await as(population.viewer).get('accounts/me')).status).toBe(200)
        expect((await as(population.revoked).get('accounts/me')).status).toBe(401)
        const session = await fetch(new URL('/api/v1/auth/session', restored.url), {
          headers: { cookie: population.cookie },
        })
        expect(session.status).toBe(200)

        // New writes number their history after the restored one, and the webhook outbox,
        // switched off while the rows went in, works again.
        const admin = as(population.admin)
        const created = await admin.post('tasks', { fields: { title: 'after the restore' } })
        expect(created.status, created.text).toBe(200)
        const oldIds = Object.values(
          original.tasks as Record<string, { events: { items: { id: number }[] } }>,
        ).flatMap((t) => t.events.items.map((e) => e.id))
        const events = (await admin.get(`tasks/${created.body.uid}/events`)).body.items
        expect(events.map((e: { type: string }) => e.type)).toEqual(['created'])
        expect(events[0].id).toBeGreaterThan(Math.max(...oldIds))
        const before = (original.deliveries as Record<string, { items: unknown[] }>)[
          population.webhookUid
        ]?.items.length
        await waitFor('a delivery of the new task', async () => {
          const log = await admin.get(`webhooks/${population.webhookUid}/deliveries`, {
            query: { limit: '200' },
          })
          const fresh = log.body.items.filter(
            (d: { task_uid: string; status: string }) =>
              d.task_uid === created.body.uid && d.status === 'delivered',
          )
          return fresh.length === 1 && log.body.items.length === Number(before) + 1
            ? true
            : undefined
        })
      } finally {
        await restored.stop()
      }
    },
  )

  it('refuses to restore into a database that holds data, and changes nothing', {
    timeout: SLOW,
  }, async () => {
    expect(backupFile, 'the backup test must pass first').toBeDefined()
    // On PostgreSQL the source server is still running; its data must not move either.
    const before = await digestDatabase(source.location)
    const run = await runCli(['restore', '--in', String(backupFile), ...source.args])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/is not empty \(.*organizations.*hold rows\)/)
    expect(run.stderr).toMatch(/Nothing was changed/)
    expect(await digestDatabase(source.location)).toEqual(before)
  })

  it('keeps webhook secrets sealed in the file, and restores only with their key, changing nothing otherwise', {
    timeout: SLOW,
  }, async () => {
    expect(backupFile, 'the backup test must pass first').toBeDefined()
    const file = String(backupFile)
    // Every webhook secret starts with whsec_; the file holds them only sealed.
    const text = gunzipSync(readFileSync(file)).toString('utf8')
    expect(text).not.toContain('whsec_')
    expect(text).toMatch(/"v1\.[\w-]+\.[\w-]{16}\.[\w-]{22}\.[\w-]+"/)

    const target = await createFreshInstance(engine.name, adminUrl, 'backup_keys')
    others.push(target)
    const other = generateSecretKey()
    const [kid] = keyIds(parseKeyRing(TEST_SECRET_KEY))
    const restoreWith = (key: string | undefined) =>
      runCli(['restore', '--in', file, ...target.args], undefined, { TESSERA_SECRET_KEY: key })
    const [wrong, impostor, none] = await Promise.all([
      restoreWith(other),
      restoreWith(`${kid}:${other}`),
      restoreWith(undefined),
    ])
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toMatch(
      new RegExp(
        `cannot open the backup's sealed secrets \\(webhooks\\.secret_sealed\\): A secret is sealed with the key ${kid}, which is not among the configured keys .* Nothing was changed\\.`,
      ),
    )
    expect(impostor.code).toBe(1)
    expect(impostor.stderr).toMatch(
      /does not open with the configured key of that id.* Nothing was changed/,
    )
    expect(none.code).toBe(1)
    expect(none.stderr).toContain(
      `The backup holds secrets sealed with the key ${kid}, and no key is given`,
    )
    for (const run of [wrong, impostor, none]) {
      expect(run.stderr).not.toContain(other)
    }
    expect(await isUntouched(target)).toBe(true)
  })

  it('refuses a truncated, altered, foreign or too-new backup file, and leaves the target untouched', {
    timeout: SLOW,
  }, async () => {
    expect(backupFile, 'the backup test must pass first').toBeDefined()
    const good = String(backupFile)
    const bytes = readFileSync(good)
    const truncated = join(workDir, 'truncated.gz')
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)))
    // Whole gzip, but the lines stop short: as if the writer died before the end marker.
    const cutShort = join(workDir, 'cut-short.gz')
    const lines = gunzipSync(bytes).toString('utf8').trimEnd().split('\n')
    writeFileSync(cutShort, gzipSync(`${lines.slice(0, -3).join('\n')}\n`))
    const altered = join(workDir, 'altered.gz')
    rewriteBackup(
      good,
      altered,
      (lines) => lines.map((line) => line.replace('Claim 1\\"', 'Claim 9\\"')),
      false,
    )
    expect(gunzipSync(readFileSync(altered)).toString()).toContain('Claim 9')
    const foreign = join(workDir, 'foreign.gz')
    writeFileSync(foreign, 'SELECT 1;\n')
    const tooNew = join(workDir, 'too-new.gz')
    rewriteBackup(
      good,
      tooNew,
      ([header, ...rest]) => [
        JSON.stringify({ ...JSON.parse(String(header)), schema_version: '9999_from_the_future' }),
        ...rest,
      ],
      true,
    )

    // Through the CLI, as a user meets them: the gzip layer's complaint and the checksum's.
    const target = await createFreshInstance(engine.name, adminUrl, 'backup_refused')
    others.push(target)
    const [cut, changed] = await Promise.all([
      runCli(['restore', '--in', truncated, ...target.args]),
      runCli(['restore', '--in', altered, ...target.args]),
    ])
    expect(cut.code).toBe(1)
    expect(cut.stderr).toMatch(/truncated\.gz: the backup is truncated .* Nothing was changed/)
    expect(changed.code).toBe(1)
    expect(changed.stderr).toMatch(/altered\.gz: .*checksum does not match.* Nothing was changed/)
    // The rest of the checks run before the target is opened, as the two above show: in
    // process, they cost no process start.
    await expect(verifyBackup(cutShort)).rejects.toThrow(/truncated \(it has no end marker\)/)
    await expect(verifyBackup(foreign)).rejects.toThrow(/not a Tessera backup/)
    await expect(verifyBackup(tooNew)).rejects.toThrow(
      /schema 9999_from_the_future, which this version of Tessera does not know.* Nothing was changed/,
    )
    expect(await isUntouched(target)).toBe(true)
  })
})
