import { HttpClient } from '../http-client'
import { runCounted } from '../load'
import { startProgress } from '../progress'
import { makeTask } from '../task-data'
import { apportion, type Tenant } from './tenants'

const API = '/api/v1'
const BATCH = 1000

/** One batch request of the growth: a tenant and how many tasks it sends. */
interface GrowthRequest {
  tenant: Tenant
  size: number
}

/** Numbers the generated tasks across the whole run, so their fields differ. */
export class TaskCounter {
  next = 0

  take(count: number): number {
    const first = this.next
    this.next += count
    return first
  }
}

/** `count` task bodies numbered from the counter, as one `POST /tasks/batch` body. */
export function batchBody(counter: TaskCounter, count: number, status?: 'TODO'): string {
  const first = counter.take(count)
  const items = Array.from({ length: count }, (_, i) => {
    const task = makeTask(first + i)
    return status ? { ...task, status } : task
  })
  return JSON.stringify({ items })
}

/**
 * Adds `tasks` tasks over the tenants, each receiving its Zipf share, through
 * `POST /tasks/batch` (the fastest correct path: every task routed, its history and webhook
 * events written as any import's), 1,000 per request and 4 requests in flight. Not timed:
 * the ingest rate is measured on fixed-size samples instead, comparable from step to step.
 */
export async function growTenants(
  serverUrl: string,
  tenants: Tenant[],
  tasks: number,
  counter: TaskCounter,
): Promise<void> {
  const requests: GrowthRequest[] = []
  apportion(tenants, tasks).forEach((share, index) => {
    const tenant = tenants[index] as Tenant
    for (let sent = 0; sent < share; sent += BATCH) {
      requests.push({ tenant, size: Math.min(BATCH, share - sent) })
    }
  })
  const progress = startProgress(`grow: ${tenants.length} organizations`, tasks, 'tasks')
  try {
    await runCounted(
      { concurrency: 4, operations: requests.length, unitsPerOperation: 1 },
      async (index) => {
        const { tenant, size } = requests[index] as GrowthRequest
        // One client per request: a thousand tenants' keep-alive sockets would stay open.
        const client = new HttpClient(serverUrl, { authorization: `Bearer ${tenant.token}` }, 1)
        try {
          const body = await client.ok('POST', `${API}/tasks/batch`, batchBody(counter, size))
          const answer = JSON.parse(body) as { items: { status: number; uid: string }[] }
          const refused = answer.items.find((item) => item.status !== 200)
          if (refused) {
            throw new Error(`batch item ${refused.uid} answered ${refused.status}`)
          }
        } finally {
          client.close()
        }
        progress.increment(size)
      },
    )
  } finally {
    progress.stop()
  }
}
