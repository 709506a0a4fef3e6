import { beforeEach, describe, expect, inject, it } from 'vitest'
import { queryDatabase } from '../support/pg-query'
import { claimTenant, type Tenant } from '../support/tenants'

// A skipped task is not handed back to the operator who skipped it while other work is
// available to them, in that session, whatever skip_mode says; when only skipped tasks are
// left, `next` says so (`skipped_available`) instead of serving one again silently.
describe.each(inject('engines'))('skipped tasks in the player on $name', (engine) => {
  let tenant: Tenant
  beforeEach(() => {
    tenant = claimTenant(engine)
  })

  const setUp = async (skipMode: 'return' | 'snooze') => {
    expect((await tenant.as.admin.patch('settings', { skip_mode: skipMode })).status).toBe(200)
    expect((await tenant.as.admin.post('queues', { name: 'All' })).status).toBe(200)
    const urgent = await tenant.api.post('tasks', {
      due_at: '2030-01-01T00:00:00Z',
      fields: { title: 'urgent' },
    })
    const later = await tenant.api.post('tasks', {
      due_at: '2030-01-02T00:00:00Z',
      fields: { title: 'later' },
    })
    const op = tenant.as.operator
    expect((await op.post('player/start', {})).status).toBe(200)
    return { op, urgent: urgent.body.uid as string, later: later.body.uid as string }
  }

  it('in return mode, serves other work first, then says only skipped tasks are left', async () => {
    const { op, urgent, later } = await setUp('return')
    expect((await op.post('player/next', {})).body.task.uid).toBe(urgent)
    const skipped = await op.post('player/skip', { reason: 'not now' })
    expect(skipped.body).toMatchObject({ uid: urgent, status: 'TODO', assignee_uid: null })

    const next = await op.post('player/next', {})
    expect(next.body).toMatchObject({ task: { uid: later }, skipped_available: 0 })
    expect((await op.post('player/complete', {})).status).toBe(200)

    expect((await op.post('player/next', {})).body).toEqual({ task: null, skipped_available: 1 })
    // Nothing was assigned by that answer.
    expect((await tenant.api.get(`tasks/${urgent}`)).body.assignee_uid).toBeNull()
    const asked = await op.post('player/next', { include_skipped: true })
    expect(asked.body.task).toMatchObject({ uid: urgent, status: 'STARTED' })
    // Served on purpose, it is an ordinary task again: a pause brings it back first.
    expect((await op.post('player/pause', {})).status).toBe(200)
    expect((await op.post('player/next', {})).body.task.uid).toBe(urgent)
  })

  it('in snooze mode, a woken skipped task waits behind other work too', async () => {
    const { op, urgent, later } = await setUp('snooze')
    expect((await op.post('player/next', {})).body.task.uid).toBe(urgent)
    const skipped = await op.post('player/skip', {
      reason: 'back in a second',
      snooze_until: new Date(Date.now() - 1000).toISOString(),
    })
    expect(skipped.body).toMatchObject({ uid: urgent, status: 'TODO' })
    expect(skipped.body.assignee_uid).not.toBeNull()

    expect((await op.post('player/next', {})).body.task.uid).toBe(later)
    await op.post('player/complete', {})
    expect((await op.post('player/next', {})).body).toEqual({ task: null, skipped_available: 1 })
    expect((await op.post('player/next', { include_skipped: true })).body.task.uid).toBe(urgent)
  })

  it('lasts for the session: starting again serves skipped tasks as usual', async () => {
    const { op, urgent, later } = await setUp('return')
    await op.post('player/next', {})
    await op.post('player/skip', { reason: 'not now' })
    expect((await op.post('player/next', {})).body.task.uid).toBe(later)
    await op.post('player/pause', {})
    expect((await op.post('player/start', {})).status).toBe(200)
    // Own paused task first, then the task skipped in the previous session.
    expect((await op.post('player/next', {})).body.task.uid).toBe(later)
    await op.post('player/complete', {})
    expect((await op.post('player/next', {})).body.task.uid).toBe(urgent)
  })

  it('a skip is the skipper’s alone: another operator is served the task', async () => {
    const { op, urgent } = await setUp('return')
    await op.post('player/next', {})
    await op.post('player/skip', { reason: 'not for me' })
    expect((await tenant.as.admin.post('player/next', {})).body.task.uid).toBe(urgent)
  })

  it('never hands back the task being skipped by a concurrent next', async () => {
    const { op, urgent, later } = await setUp('return')
    expect((await op.post('player/next', {})).body.task.uid).toBe(urgent)
    const [skip, next] = await Promise.all([
      op.post('player/skip', { reason: 'race' }),
      op.post('player/next', {}),
    ])
    expect(skip.status).toBe(200)
    if (next.status === 409) {
      // `next` ran before the skip committed: the operator still held the task.
      expect(next.body.error.code).toBe('task_in_progress')
      expect((await op.post('player/next', {})).body.task.uid).toBe(later)
    } else {
      expect(next.body.task.uid).toBe(later)
    }
  })
})

// PostgreSQL only: the test reads the server's database beside it.
describe.each(inject('engines').filter((e) => e.databaseUrl))('skips stored on $name', (engine) => {
  it('keeps the skips in the database, for every server, until the session ends', async () => {
    const tenant = claimTenant(engine)
    expect((await tenant.as.admin.post('queues', { name: 'All' })).status).toBe(200)
    const urgent = (await tenant.api.post('tasks', { fields: { title: 'stored' } })).body.uid
    const op = tenant.as.operator
    await op.post('player/start', {})
    await op.post('player/next', {})
    await op.post('player/skip', { reason: 'stored' })
    const rows = await queryDatabase<{ task_uid: string }>(
      engine.databaseUrl as string,
      'SELECT task_uid FROM player_skips WHERE task_uid = $1',
      [urgent],
    )
    expect(rows).toEqual([{ task_uid: urgent }])
    await op.post('player/stop')
    expect(
      await queryDatabase(
        engine.databaseUrl as string,
        'SELECT 1 FROM player_skips WHERE task_uid = $1',
        [urgent],
      ),
    ).toEqual([])
  })
})
