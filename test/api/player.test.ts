import { beforeEach, describe, expect, inject, it } from 'vitest'
import { claimTenant, type Tenant } from '../support/tenants'

const eq = (field: string, value: unknown) => ({
  combinator: 'and',
  conditions: [{ field, operator: '==', value }],
})

describe.each(inject('engines'))('the player on $name', (engine) => {
  let tenant: Tenant
  beforeEach(() => {
    tenant = claimTenant(engine)
  })

  const queue = async (body: Record<string, unknown>) => {
    const res = await tenant.as.admin.post('queues', body)
    expect(res.status).toBe(200)
    return res.body.uid as string
  }

  const task = async (body: Record<string, unknown>) => {
    const res = await tenant.api.post('tasks', body)
    expect(res.status).toBe(200)
    return res.body as { uid: string }
  }

  const userUid = async (role: 'operator' | 'admin') =>
    (await tenant.as[role].get('accounts/me')).body.user.uid as string

  it('hands out tasks most urgent first: SLA breach, then due date, then age', async () => {
    await queue({ name: 'All' })
    const later = await task({
      due_at: '2030-01-02T00:00:00Z',
      fields: { title: 'later', url: 'https://b/1' },
    })
    const sooner = await task({
      due_at: '2030-01-01T00:00:00Z',
      fields: { title: 'sooner', url: 'https://b/2' },
    })
    const op = tenant.as.operator
    expect((await op.post('player/start', {})).status).toBe(200)
    const first = await op.post('player/next')
    expect(first.status).toBe(200)
    expect(first.body.task).toMatchObject({
      uid: sooner.uid,
      status: 'STARTED',
      assignee_uid: await userUid('operator'),
      fields: { url: 'https://b/2' },
    })
    expect(first.body.task.played_at).not.toBeNull()
    const second = await op.post('player/next')
    expect(second.status).toBe(409)
    expect(second.body.error.code).toBe('task_in_progress')
    const done = await op.post('player/complete', {})
    expect(done.body).toMatchObject({ uid: sooner.uid, status: 'DONE' })
    expect((await op.post('player/next')).body.task.uid).toBe(later.uid)
    await op.post('player/complete', {})
    expect((await op.post('player/next')).body).toEqual({ task: null, skipped_available: 0 })
    expect((await op.get('player')).body.session.completed).toBe(2)
  })

  it('follows a queue priority order when it has one', async () => {
    await queue({ name: 'By amount', priority: [{ field: 'amount', direction: 'descending' }] })
    await task({ fields: { title: 'small', amount: 5 } })
    const big = await task({ fields: { title: 'big', amount: 500 } })
    expect((await tenant.as.operator.post('player/next')).body.task.uid).toBe(big.uid)
  })

  it('serves only the queues of the session, by position', async () => {
    const first = await queue({ name: 'First', condition: eq('kind', 'a'), position: 0 })
    const second = await queue({ name: 'Second', condition: eq('kind', 'b'), position: 1 })
    const a = await task({ fields: { title: 'a', kind: 'a' } })
    const b = await task({ fields: { title: 'b', kind: 'b' } })
    const op = tenant.as.operator
    expect(
      (await op.post('player/start', { queue_uids: [second] })).body.session.queue_uids,
    ).toEqual([second])
    expect((await op.post('player/next')).body.task.uid).toBe(b.uid)
    await op.post('player/complete', {})
    expect((await op.post('player/next')).body.task).toBeNull()
    await op.post('player/start', { queue_uids: null })
    expect((await op.post('player/next')).body.task.uid).toBe(a.uid)
    expect(first).not.toBe(second)
    const unknown = await op.post('player/start', {
      queue_uids: ['00000000-0000-4000-8000-000000000000'],
    })
    expect(unknown.status).toBe(422)
  })

  it('only hands a task to an operator who has all its skills', async () => {
    await queue({ name: 'Skilled', condition: eq('lang', 'de'), skills: ['german'] })
    await queue({ name: 'Plain', condition: eq('lang', 'en') })
    const legal = await task({ skills: ['legal'], fields: { title: 'legal', lang: 'en' } })
    const german = await task({ fields: { title: 'german', lang: 'de' } })
    const op = tenant.as.operator
    expect((await op.post('player/next')).body.task).toBeNull()
    const operatorUid = await userUid('operator')
    const patched = await tenant.as.admin.patch(`users/${operatorUid}`, { skills: ['german'] })
    expect(patched.body.skills).toEqual(['german'])
    expect((await op.post('player/next')).body.task.uid).toBe(german.uid)
    await op.post('player/complete', {})
    expect((await op.post('player/next')).body.task).toBeNull()
    await tenant.as.admin.patch(`users/${operatorUid}`, { skills: ['german', 'legal'] })
    expect((await op.post('player/next')).body.task.uid).toBe(legal.uid)
  })

  it('follows a change of order or of skills made since the operator’s last next', async () => {
    const only = await queue({ name: 'Only' })
    const first = await task({ fields: { title: 'first', amount: 5 } })
    const second = await task({ fields: { title: 'second', amount: 50 } })
    const largest = await task({ fields: { title: 'largest', amount: 500 } })
    const legal = await task({ skills: ['legal'], fields: { title: 'legal', amount: 5000 } })
    const op = tenant.as.operator
    expect((await op.post('player/next')).body.task.uid).toBe(first.uid)
    await op.post('player/complete', {})
    const reordered = await tenant.as.admin.patch(`queues/${only}`, {
      priority: [{ field: 'amount', direction: 'descending' }],
    })
    expect(reordered.status).toBe(200)
    expect((await op.post('player/next')).body.task.uid).toBe(largest.uid)
    await op.post('player/complete', {})
    await tenant.as.admin.patch(`users/${await userUid('operator')}`, { skills: ['legal'] })
    expect((await op.post('player/next')).body.task.uid).toBe(legal.uid)
    await op.post('player/complete', {})
    expect((await op.post('player/next')).body.task.uid).toBe(second.uid)
  })

  it('pause keeps the task; next resumes it before anything else', async () => {
    await queue({ name: 'All' })
    const one = await task({ due_at: '2030-01-01T00:00:00Z', fields: { title: 'one' } })
    await task({ due_at: '2030-01-02T00:00:00Z', fields: { title: 'two' } })
    const op = tenant.as.operator
    await op.post('player/next')
    const paused = await op.post('player/pause', {})
    expect(paused.body).toMatchObject({
      uid: one.uid,
      status: 'TODO',
      assignee_uid: await userUid('operator'),
    })
    expect((await tenant.as.admin.post('player/next')).body.task.uid).not.toBe(one.uid)
    const resumed = await op.post('player/next')
    expect(resumed.body.task).toMatchObject({ uid: one.uid, status: 'STARTED' })
  })

  it('skip returns the task to the pool by default, with its reason in the history', async () => {
    await queue({ name: 'All' })
    const only = await task({ fields: { title: 'only' } })
    const op = tenant.as.operator
    await op.post('player/next')
    expect((await op.post('player/skip', {})).status).toBe(422)
    const skipped = await op.post('player/skip', { reason: 'need more info' })
    expect(skipped.body).toMatchObject({ uid: only.uid, status: 'TODO', assignee_uid: null })
    expect((await tenant.as.admin.post('player/next')).body.task.uid).toBe(only.uid)
    const history = (await tenant.api.get(`tasks/${only.uid}/events`)).body.items
    const skip = history.find((e: { type: string }) => e.type === 'skipped')
    expect(skip).toMatchObject({
      data: { reason: 'need more info' },
      actor_uid: await userUid('operator'),
    })
  })

  it('skip in snooze mode keeps the task with its operator until it wakes', async () => {
    expect((await tenant.as.admin.patch('settings', { skip_mode: 'snooze' })).body.skip_mode).toBe(
      'snooze',
    )
    expect((await tenant.as.operator.patch('settings', { skip_mode: 'return' })).status).toBe(403)
    await queue({ name: 'All' })
    const sleeper = await task({ fields: { title: 'sleeper' } })
    const op = tenant.as.operator
    await op.post('player/next')
    const wake = new Date(Date.now() + 60 * 60_000).toISOString()
    const skipped = await op.post('player/skip', { reason: 'later', snooze_until: wake })
    expect(skipped.body).toMatchObject({ status: 'TODO', assignee_uid: await userUid('operator') })
    expect(Date.parse(skipped.body.snooze_expires_at)).toBe(Date.parse(wake))
    expect((await op.post('player/next')).body.task).toBeNull()
    expect((await tenant.as.admin.post('player/next')).body.task).toBeNull()
    const soon = await op.post('player/skip', {
      reason: 'x',
      task_uid: sleeper.uid,
      snooze_until: new Date(Date.now() - 1000).toISOString(),
    })
    expect(soon.status).toBe(200)
    // Awake, but skipped in this session: served only when asked for.
    expect((await op.post('player/next')).body).toEqual({ task: null, skipped_available: 1 })
    const asked = await op.post('player/next', { include_skipped: true })
    expect(asked.body.task.uid).toBe(sleeper.uid)
  })

  it('stop gives every unfinished task back to the pool', async () => {
    await queue({ name: 'All' })
    await task({ fields: { title: 'one' } })
    const op = tenant.as.operator
    const { body } = await op.post('player/next')
    expect((await op.post('player/stop')).body).toEqual({ released: 1 })
    const after = (await tenant.api.get(`tasks/${body.task.uid}`)).body
    expect(after).toMatchObject({ status: 'TODO', assignee_uid: null })
    expect(after.work_time).toBeGreaterThanOrEqual(0)
    expect((await op.get('player')).body).toEqual({ session: null, current: null })
  })

  it('refuses to act on a task that is not the operator’s', async () => {
    await queue({ name: 'All' })
    const theirs = await task({ fields: { title: 't' } })
    await tenant.as.admin.post('player/next')
    const res = await tenant.as.operator.post('player/complete', { task_uid: theirs.uid })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('not_your_open_task')
    const none = await tenant.as.operator.post('player/complete', {})
    expect(none.status).toBe(409)
    expect(none.body.error.code).toBe('no_task_in_progress')
    expect((await tenant.as.viewer.post('player/next')).status).toBe(403)
  })

  it('lets admins assign and unassign by hand, recorded in the history', async () => {
    const t = await task({ fields: { title: 't' } })
    const operatorUid = await userUid('operator')
    const assigned = await tenant.as.admin.post(`tasks/${t.uid}/assign`, {
      assignee_uid: operatorUid,
    })
    expect(assigned.body).toMatchObject({ assignee_uid: operatorUid, status: 'TODO' })
    expect(assigned.body.assignee_updated_by).toBe(await userUid('admin'))
    const started = await tenant.as.operator.post('player/next')
    expect(started.body.task.uid).toBe(t.uid)
    const unassigned = await tenant.as.admin.post(`tasks/${t.uid}/unassign`)
    expect(unassigned.body).toMatchObject({ assignee_uid: null, status: 'TODO' })
    const bad = await tenant.as.admin.post(`tasks/${t.uid}/assign`, {
      assignee_uid: '00000000-0000-4000-8000-000000000000',
    })
    expect(bad.status).toBe(422)
    const types = (await tenant.api.get(`tasks/${t.uid}/events`)).body.items.map(
      (e: { type: string }) => e.type,
    )
    expect(types).toEqual(['created', 'assigned', 'started', 'unassigned'])
  })

  it('never lets an operator hold two started tasks, whatever starts them', async () => {
    await queue({ name: 'All' })
    const first = await task({ fields: { title: 'first' } })
    const second = await task({ fields: { title: 'second' } })
    const operatorUid = await userUid('operator')
    const played = await tenant.as.operator.post('player/next')
    const other = played.body.task.uid === first.uid ? second : first
    await tenant.as.admin.post(`tasks/${other.uid}/assign`, { assignee_uid: operatorUid })
    const started = await tenant.api.patch(`tasks/${other.uid}`, { status: 'STARTED' })
    expect(started.status).toBe(409)
    expect(started.body.error.code).toBe('task_in_progress')
    expect((await tenant.api.get(`tasks/${other.uid}`)).body.status).toBe('TODO')
    await tenant.as.admin.patch('settings', { allow_parallel_tasks: true })
    expect((await tenant.api.patch(`tasks/${other.uid}`, { status: 'STARTED' })).status).toBe(200)
  })

  it('counts work time over started intervals and wait time until the first start', async () => {
    await queue({ name: 'All' })
    const t = await task({ fields: { title: 't' } })
    const op = tenant.as.operator
    await op.post('player/next')
    await op.post('player/pause', {})
    await op.post('player/next')
    const done = await op.post('player/complete', {})
    expect(done.body).toMatchObject({ status: 'DONE', uid: t.uid })
    for (const key of ['work_time', 'wait_time', 'resolution_time', 'queue_time']) {
      expect(done.body[key]).toBeGreaterThanOrEqual(0)
    }
    const types = (await tenant.api.get(`tasks/${t.uid}/events`)).body.items.map(
      (e: { type: string }) => e.type,
    )
    expect(types).toEqual([
      'created',
      'routed',
      'assigned',
      'started',
      'paused',
      'started',
      'completed',
    ])
  })
})
