import { runCounted } from '../load'
import { startProgress } from '../progress'
import type { SoakCluster } from './cluster'
import { todo } from './mixed-load'

const BATCH = 1000

/** Queues `count` open tasks through the batch endpoint; returns their uids. */
export async function seedQueue(cluster: SoakCluster, count: number): Promise<string[]> {
  const uids: string[] = []
  const batches = Math.ceil(count / BATCH)
  const progress = startProgress('queueing open tasks', count, 'tasks')
  try {
    await runCounted(
      { concurrency: 4, operations: batches, unitsPerOperation: BATCH },
      async (index) => {
        const size = Math.min(BATCH, count - index * BATCH)
        const items = Array.from({ length: size }, (_, i) => todo(index * BATCH + i))
        const body = await cluster.system.ok(
          'POST',
          '/api/v1/tasks/batch',
          JSON.stringify({ items }),
        )
        for (const item of (JSON.parse(body) as { items: { uid: string }[] }).items) {
          uids.push(item.uid)
        }
        progress.increment(size)
      },
    )
    return uids
  } finally {
    progress.stop()
  }
}

/** Every operator starts playing all queues. */
export async function startPlaying(cluster: SoakCluster): Promise<void> {
  await Promise.all(cluster.operators.map((op) => op.ok('POST', '/api/v1/player/start', '{}')))
}
