import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { ApiClient, type ApiResponse } from './api-client'
import type { TestOperator } from './operator-tokens'
import { type ServerProcess, startServer } from './server-process'
import type { Tenant } from './tenants'

// The mixed load of test/api/multi-process.test.ts: several server processes on one
// PostgreSQL, each actor's requests spread round-robin over them.

/** Server processes on one database. */
export const PROCESSES = 3
/** Tasks created one by one during the load. */
export const CREATED = 30
/** The limited token's requests per minute, and how many it sends across the processes. */
export const LIMIT = 20
export const HAMMERED = 3 * LIMIT + 12

/** A response nobody should have had, with where it came from. */
export interface Incident {
  who: string
  call: string
  status: number
  body: unknown
}

/** Starts the servers together (migrations wait on one another's lock), keeping a short log. */
export async function startServers(
  databaseUrl: string,
  env: Record<string, string | undefined>,
  starting: Promise<ServerProcess>[],
): Promise<ServerProcess[]> {
  const launches = Array.from({ length: PROCESSES }, () =>
    startServer(['--database-url', databaseUrl, '--rate-limit', '1000000'], env),
  )
  starting.push(...launches)
  const servers = await Promise.all(launches)
  for (const server of servers) {
    // startServer keeps and re-scans all output, one JSON line per request: too much here.
    for (const stream of [server.process.stdout, server.process.stderr]) {
      stream?.removeAllListeners('data')
      stream?.resume()
    }
  }
  return servers
}

/** What the load did, for the assertions. */
export interface LoadResult {
  incidents: Incident[]
  /** Uids handed out by `next`, per operator. */
  handedOut: string[][]
  /** Uids created one by one, and through which process. */
  created: { uid: string; via: number }[]
  /** Statuses and Retry-After of the limited token's requests. */
  limited: ApiResponse[]
  /** Times the database showed an operator with more than one started task. */
  doubleStarts: unknown[]
  /** How many times that was looked at during the load. */
  startedChecks: number
}

/** Everything a run needs: the processes, a client of each per actor. */
export interface Cluster {
  servers: ServerProcess[]
  tenant: Tenant
  operators: TestOperator[]
  limitedToken: string
}

function clientsOf(cluster: Cluster, token: string): ApiClient[] {
  return cluster.servers.map((server) => new ApiClient(server.url, token))
}

/**
 * One operator: start, then each round asks `next` on two processes at once (two tabs on two
 * servers), completes the task won through a third, until the queue stays empty once the
 * creator is done. At most one of the two answers may carry a task; the other is a 409.
 */
async function play(
  cluster: Cluster,
  operator: TestOperator,
  offset: number,
  creatorDone: () => boolean,
  incidents: Incident[],
): Promise<string[]> {
  const clients = clientsOf(cluster, operator.token)
  const at = (n: number) => clients[(offset + n) % PROCESSES] as ApiClient
  const note = (call: string, res: ApiResponse): void => {
    incidents.push({ who: operator.email, call, status: res.status, body: res.body })
  }
  const started = await at(0).post('player/start', {})
  if (started.status !== 200) {
    note('start', started)
    return []
  }
  const handed: string[] = []
  for (let round = 0; ; round++) {
    const answers = await Promise.all([
      at(round).post('player/next', {}),
      at(round + 1).post('player/next', {}),
    ])
    const won = answers.filter((res) => res.status === 200 && res.body.task)
    const refused = answers.filter((res) => res.status === 409)
    const wrong = answers.filter((res) => res.status !== 200 && res.status !== 409)
    if (
      won.length > 1 ||
      wrong.length > 0 ||
      refused.some((res) => res.body.error?.code !== 'task_in_progress') ||
      refused.length > won.length
    ) {
      for (const res of answers) {
        note('next ×2', res)
      }
      return handed
    }
    const task = won[0]?.body.task as { uid: string } | undefined
    if (!task) {
      if (creatorDone()) {
        return handed
      }
      await sleep(50)
      continue
    }
    handed.push(task.uid)
    const done = await at(round + 2).post('player/complete', { task_uid: task.uid })
    if (done.status !== 200 || done.body.status !== 'DONE') {
      note('complete', done)
      return handed
    }
  }
}

/** Creates tasks one by one round-robin, reads each back through the next process, lists. */
async function createAndRead(cluster: Cluster, incidents: Incident[]) {
  const clients = clientsOf(cluster, cluster.tenant.tokens.operator)
  const created: LoadResult['created'] = []
  for (let i = 0; i < CREATED; i++) {
    const via = i % PROCESSES
    const res = await (clients[via] as ApiClient).post('tasks', {
      fields: { title: `live ${i}`, country: 'FR' },
    })
    if (res.status !== 200) {
      incidents.push({ who: 'creator', call: 'create', status: res.status, body: res.body })
      continue
    }
    created.push({ uid: res.body.uid, via })
    const reader = clients[(i + 1) % PROCESSES] as ApiClient
    const reads = [
      await reader.get(`tasks/${res.body.uid}`),
      await reader.patch(`tasks/${res.body.uid}`, { fields: { note: `seen ${i}` } }),
      await (clients[(i + 2) % PROCESSES] as ApiClient).get('tasks', {
        query: { country: 'FR', status: 'TODO,STARTED', limit: '20' },
      }),
    ]
    for (const read of reads.filter((r) => r.status !== 200)) {
      incidents.push({ who: 'creator', call: 'read', status: read.status, body: read.body })
    }
  }
  return created
}

/** The limited token's requests, five lanes at once, each lane round-robin over the processes. */
async function hammer(cluster: Cluster): Promise<ApiResponse[]> {
  const clients = clientsOf(cluster, cluster.limitedToken)
  const lanes = 6
  const answers: ApiResponse[] = []
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      for (let i = lane; i < HAMMERED; i += lanes) {
        const client = clients[i % PROCESSES] as ApiClient
        answers.push(await (i % 2 ? client.get('accounts/me') : client.get('tasks')))
      }
    }),
  )
  return answers
}

/** Looks for an operator holding two started tasks, again and again until `isDone`. */
async function watchStartedTasks(
  databaseUrl: string,
  orgName: string,
  isDone: () => boolean,
): Promise<{ doubleStarts: unknown[]; checks: number }> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const doubleStarts: unknown[] = []
  let checks = 0
  try {
    while (!isDone()) {
      const { rows } = await client.query(
        `SELECT t.assignee_uid, array_agg(t.uid) AS uids FROM tasks t
         JOIN organizations o ON o.uid = t.org_uid
         WHERE o.name = $1 AND t.status = 'STARTED'
         GROUP BY t.assignee_uid HAVING count(*) > 1`,
        [orgName],
      )
      doubleStarts.push(...rows)
      checks++
      await sleep(25)
    }
  } finally {
    await client.end()
  }
  return { doubleStarts, checks }
}

/** Creates, reads, lists, plays and hammers all at once, spread over the processes. */
export async function runMixedLoad(cluster: Cluster, databaseUrl: string): Promise<LoadResult> {
  const incidents: Incident[] = []
  let creatorDone = false
  let playersDone = false
  const watching = watchStartedTasks(databaseUrl, cluster.tenant.orgName, () => playersDone)
  const creating = createAndRead(cluster, incidents).finally(() => {
    creatorDone = true
  })
  const playing = Promise.all(
    cluster.operators.map((operator, i) =>
      play(cluster, operator, i, () => creatorDone, incidents),
    ),
  ).finally(() => {
    playersDone = true
  })
  const [limited, created, handedOut, watched] = await Promise.all([
    hammer(cluster),
    creating,
    playing,
    watching,
  ])
  return {
    incidents,
    handedOut,
    created,
    limited,
    doubleStarts: watched.doubleStarts,
    startedChecks: watched.checks,
  }
}
