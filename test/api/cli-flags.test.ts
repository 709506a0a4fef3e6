import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CliRun, runCli } from '../support/cli'

// Each command boots Node and the CLI: seconds on a loaded machine. The limit only stops a hang.
const SLOW = 5 * 60_000

/** One line on stderr, naming the problem and what to do; nothing on stdout. */
function expectOneSentence(run: CliRun, sentence: RegExp): void {
  expect(run.code, run.stdout).toBe(1)
  expect(run.stdout).toBe('')
  expect(run.stderr.trimEnd().split('\n'), run.stderr).toHaveLength(1)
  expect(run.stderr).toMatch(sentence)
}

describe('the command line refuses bad flags in one sentence, before touching anything', () => {
  let dir: string
  let busy: Server
  let busyPort: number
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-cli-flags-'))
    busy = createServer()
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
    busyPort = (busy.address() as { port: number }).port
  })
  afterAll(async () => {
    await new Promise((resolve) => busy.close(resolve))
    rmSync(dir, { recursive: true, force: true })
  })

  it('checks the server flags and the port before creating a data directory', {
    timeout: SLOW,
  }, async () => {
    const data = join(dir, 'never-created')
    const [outOfRange, notANumber, portInUse, badFormat, badEngine, badEnv] = await Promise.all([
      runCli(['serve', '--port', '70000', '--data', data]),
      runCli(['serve', '--port', 'eighty', '--data', data]),
      runCli(['serve', '--port', String(busyPort), '--data', data], /"msg":"listening"/),
      runCli(['serve', '--log-format', 'xml', '--data', data]),
      runCli(['serve', '--engine', 'sqlite', '--data', data]),
      runCli(['serve', '--data', data], undefined, { TESSERA_WEBHOOK_MAX_ATTEMPTS: 'many' }),
    ])
    expectOneSentence(
      outOfRange,
      /^tessera: --port is set to "70000": give a whole number from 0 to 65535 \(0 picks any free port\)\.$/m,
    )
    expectOneSentence(notANumber, /^tessera: --port is set to "eighty": give a whole number/m)
    expectOneSentence(
      portInUse,
      new RegExp(
        `^tessera: Port ${busyPort} on 127.0.0.1 is already in use: stop whatever listens there, or choose another port with --port\\.$`,
        'm',
      ),
    )
    expectOneSentence(
      badFormat,
      /^tessera: --log-format is set to "xml": give one of pretty, json/m,
    )
    expectOneSentence(badEngine, /--engine.*postgres, pglite/)
    expectOneSentence(
      badEnv,
      /^tessera: TESSERA_WEBHOOK_MAX_ATTEMPTS is set to "many": give a whole number of at least 1\.$/m,
    )
    expect(existsSync(data), 'a refused start left a data directory behind').toBe(false)
  })

  it('says what is wrong with a folder it cannot write', { timeout: SLOW }, async () => {
    // /sys refuses new folders even to root, who may write anywhere else.
    const run = await runCli(['serve', '--port', '0', '--data', '/sys/tessera-data'], /listening/)
    expectOneSentence(run, /\/sys\/tessera-data.*(permission denied|read-only).*--data/i)
    expect(run.stderr).not.toMatch(/EACCES|EPERM|EROFS|at .*\.js/)
  })

  it('checks users create: email, a role with no default, the password minimum', {
    timeout: SLOW,
  }, async () => {
    const data = join(dir, 'users')
    const user = ['users', 'create', '--data', data, '--email']
    const [email, noRole, badRole, short] = await Promise.all([
      runCli([...user, 'notanemail', '--password', 'long enough', '--role', 'admin']),
      runCli([...user, 'ana@example.com', '--password', 'long enough']),
      runCli([...user, 'ana@example.com', '--password', 'long enough', '--role', 'boss']),
      runCli([...user, 'ana@example.com', '--password', 'short', '--role', 'admin']),
    ])
    expectOneSentence(
      email,
      /^tessera: --email notanemail is not an email address: give one like ana@example\.com\.$/m,
    )
    expectOneSentence(
      noRole,
      /^tessera: Give the user a role with --role: one of super_admin, admin, operator, viewer\.$/m,
    )
    expectOneSentence(
      badRole,
      /^tessera: --role is set to "boss": give one of super_admin, admin, operator, viewer\.$/m,
    )
    expectOneSentence(short, /^tessera: The password is too short: give at least 8 characters\.$/m)
    expect(existsSync(data)).toBe(false)
  })

  it('checks a token uid before any database sees it, and tokens create wants a role', {
    timeout: SLOW,
  }, async () => {
    const data = join(dir, 'tokens')
    const [revoke, create] = await Promise.all([
      runCli(['tokens', 'revoke', 'nope', '--data', data]),
      runCli(['tokens', 'create', '--name', 'n', '--data', data]),
    ])
    expectOneSentence(revoke, /^tessera: nope is not a token uid .*tessera tokens list\.$/m)
    expectOneSentence(create, /^tessera: Give the token a role with --role: one of super_admin/m)
    expect(existsSync(data)).toBe(false)
  })

  it("puts the database driver's failures in words", { timeout: SLOW }, async () => {
    const [refused, notPostgres, nothing] = await Promise.all([
      // Port 1 on loopback: nothing listens there.
      runCli(['tokens', 'list', '--database-url', 'postgres://tessera@127.0.0.1:1/tessera']),
      runCli(['tokens', 'list', '--database-url', 'mysql://tessera@127.0.0.1/tessera']),
      runCli(['backup', '--out', join(dir, 'b.gz'), '--data', join(dir, 'nothing')]),
    ])
    expectOneSentence(
      refused,
      /^tessera: Nothing answers at 127\.0\.0\.1:1: start PostgreSQL there, or check --database-url\.$/m,
    )
    expectOneSentence(notPostgres, /^tessera: --database-url is set to .*: give a PostgreSQL URL/m)
    expectOneSentence(nothing, /^tessera: There is no Tessera database in .*nothing: check --data/m)
    expect(existsSync(join(dir, 'nothing'))).toBe(false)
  })
})
