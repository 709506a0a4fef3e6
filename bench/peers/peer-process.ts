import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

const HERE = dirname(fileURLToPath(import.meta.url))

/**
 * Installs the peer's dependencies into bench/peers on first run, with npm's own progress on
 * the terminal: they are a benchmark's, not Tessera's, and stay out of its package.json.
 */
export async function installPeer(): Promise<void> {
  if (existsSync(join(HERE, 'node_modules', '@platformatic', 'sql-openapi'))) {
    return
  }
  process.stderr.write('Installing the peer (Platformatic) into bench/peers, once…\n')
  await new Promise<void>((resolve, reject) => {
    const npm = spawn('npm', ['install', '--no-audit', '--no-fund'], {
      cwd: HERE,
      stdio: ['ignore', 'inherit', 'inherit'],
    })
    npm.on('error', reject)
    npm.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm install in bench/peers exited ${code}`)),
    )
  })
}

/**
 * The peer's table: the columns a task body fills in Tessera (its status, due date and custom
 * fields), a uid key, the timestamps, and the custom field the filtered list asks for as a
 * generated column with an index, as a team would add for the one filter it needs.
 */
const PEER_SCHEMA = `
  CREATE TABLE tasks (
    uid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    status text NOT NULL DEFAULT 'TODO',
    due_at timestamptz,
    fields jsonb NOT NULL DEFAULT '{}',
    country text GENERATED ALWAYS AS (fields->>'country') STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX tasks_country ON tasks (country, created_at);
`

/** Creates the peer's table, loads `bodies` (task bodies as JSON) into it, returns their uids. */
export async function preparePeerDatabase(
  databaseUrl: string,
  bodies: string[],
): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query(PEER_SCHEMA)
    for (let i = 0; i < bodies.length; i += 5000) {
      await client.query(
        `INSERT INTO tasks (status, due_at, fields)
         SELECT x.status, x.due_at, x.fields
         FROM jsonb_to_recordset($1::jsonb) AS x(status text, due_at timestamptz, fields jsonb)`,
        [`[${bodies.slice(i, i + 5000).join(',')}]`],
      )
    }
    await client.query('ANALYZE tasks')
    const { rows } = await client.query<{ uid: string }>('SELECT uid FROM tasks')
    return rows.map((row) => row.uid)
  } finally {
    await client.end()
  }
}

/** The peer server, listening on the loopback. */
export interface PeerServer {
  baseUrl: string
  pid: number
  stop(): Promise<void>
}

/** Starts bench/peers/peer-server.js on `databaseUrl` and waits until it listens. */
export function startPeer(databaseUrl: string): Promise<PeerServer> {
  const child = spawn(process.execPath, [join(HERE, 'peer-server.js'), databaseUrl], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      child.kill('SIGKILL')
      reject(new Error(`the peer did not start (${why}):\n${output}`))
    }
    const timer = setTimeout(() => fail('no port after 60 s'), 60_000)
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const port = /\{"port":(\d+)\}/.exec(output)?.[1]
      if (port) {
        clearTimeout(timer)
        resolve({
          baseUrl: `http://127.0.0.1:${port}`,
          pid: child.pid ?? 0,
          stop: () => stopChild(child),
        })
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      fail(`exited ${code}`)
    })
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) {
    return Promise.resolve()
  }
  return new Promise((resolve) => {
    child.removeAllListeners('exit')
    child.on('exit', () => resolve())
    child.kill('SIGTERM')
  })
}
