import type { ApiClient } from './api-client'

/** A task's metrics that count up with the clock while it is open (wait_time, …_business). */
const RUNNING_METRIC = /_time(_business)?$/

/**
 * A task as the API shows it, minus what changes with the clock alone: the running metrics
 * of a task that is not done. A done task's metrics are fixed, and kept.
 */
function withoutClock(task: Record<string, unknown>): Record<string, unknown> {
  if (task.status === 'DONE') {
    return task
  }
  return Object.fromEntries(Object.entries(task).filter(([key]) => !RUNNING_METRIC.test(key)))
}

async function read(client: ApiClient, path: string, query?: Record<string, string>) {
  const res = await client.get(path, { query })
  if (res.status !== 200) {
    throw new Error(`GET ${path} answered ${res.status}: ${res.text}`)
  }
  return res.body
}

/**
 * Everything an organization's users can read about its data through the API: tasks (each
 * and listed), comments, history, queues, users, tokens, webhooks and their deliveries, the
 * player. Two instances holding the same data give equal snapshots.
 */
export async function snapshotOrganization(
  admin: ApiClient,
  operator: ApiClient,
  taskUids: string[],
): Promise<Record<string, unknown>> {
  const tasks: Record<string, unknown> = {}
  for (const uid of taskUids) {
    tasks[uid] = {
      task: withoutClock(await read(admin, `tasks/${uid}`)),
      comments: await read(admin, `tasks/${uid}/comments`),
      events: await read(admin, `tasks/${uid}/events`),
    }
  }
  const list = await read(admin, 'tasks', { limit: '100' })
  const webhooks = await read(admin, 'webhooks')
  const deliveries: Record<string, unknown> = {}
  for (const hook of webhooks.items as { uid: string }[]) {
    deliveries[hook.uid] = await read(admin, `webhooks/${hook.uid}/deliveries`, { limit: '200' })
  }
  const tokens = await read(admin, 'tokens')
  const player = await read(operator, 'player')
  return {
    me: await read(admin, 'accounts/me'),
    settings: await read(admin, 'settings'),
    users: await read(admin, 'users'),
    // Every request stamps its token's last use: that alone may differ.
    tokens: (tokens.items as Record<string, unknown>[]).map(({ last_used_at, ...rest }) => rest),
    queues: await read(admin, 'queues'),
    list: { ...list, items: (list.items as Record<string, unknown>[]).map(withoutClock) },
    tasks,
    // An endpoint's health (lag, failures) is the sender's state of the moment, not data.
    webhooks: (webhooks.items as Record<string, unknown>[]).map(({ health, ...rest }) => rest),
    deliveries,
    player: { ...player, current: player.current && withoutClock(player.current) },
  }
}
