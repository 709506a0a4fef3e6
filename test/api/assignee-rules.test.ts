import { beforeEach, describe, expect, inject, it } from 'vitest'
import { claimTenant, type Tenant } from '../support/tenants'

// Only users who can work tasks (operators and above, active) are accepted as assignees, by
// the assign call as by the task writes; a task is STARTED only with someone assigned.
describe.each(inject('engines'))('assignees on $name', (engine) => {
  let tenant: Tenant
  beforeEach(() => {
    tenant = claimTenant(engine)
  })

  const uidOf = async (role: 'operator' | 'viewer') =>
    (await tenant.as[role].get('accounts/me')).body.user.uid as string
  const newTask = async () =>
    (await tenant.api.post('tasks', { fields: { title: 't' } })).body.uid as string

  it('POST /tasks/{uid}/assign refuses a viewer and a deactivated user, naming the key', async () => {
    const uid = await newTask()
    const viewer = await tenant.as.admin.post(`tasks/${uid}/assign`, {
      assignee_uid: await uidOf('viewer'),
    })
    expect(viewer.status).toBe(422)
    expect(viewer.body.error.fields).toEqual([
      { path: '/body/assignee_uid', message: 'is a viewer, who cannot work tasks' },
    ])
    const operatorUid = await uidOf('operator')
    const created = await tenant.as.admin.post('users', {
      email: `gone-${uid}@example.com`,
      name: 'Gone',
      role: 'operator',
    })
    expect(created.status, created.text).toBe(200)
    const goneUid = created.body.uid as string
    expect((await tenant.as.admin.patch(`users/${goneUid}`, { active: false })).status).toBe(200)
    const gone = await tenant.as.admin.post(`tasks/${uid}/assign`, { assignee_uid: goneUid })
    expect(gone.status).toBe(422)
    expect(gone.body.error.fields[0].path).toBe('/body/assignee_uid')
    expect((await tenant.api.get(`tasks/${uid}`)).body.assignee_uid).toBeNull()

    const ok = await tenant.as.admin.post(`tasks/${uid}/assign`, { assignee_uid: operatorUid })
    expect(ok.body).toMatchObject({ assignee_uid: operatorUid })
  })

  it('refuses to set a task STARTED with nobody assigned, and changes nothing', async () => {
    const uid = await newTask()
    const res = await tenant.api.patch(`tasks/${uid}`, { status: 'STARTED' })
    expect(res.status).toBe(422)
    expect(res.body.error.fields).toEqual([
      {
        path: '/body/status',
        message: 'STARTED needs an assignee: give assignee_uid or assignee_email',
      },
    ])
    expect((await tenant.api.get(`tasks/${uid}`)).body).toMatchObject({
      status: 'TODO',
      started_at: null,
    })
    const batch = await tenant.api.patch('tasks/batch', {
      items: [
        { uid, fields: { note: 'fine' } },
        { uid: await newTask(), status: 'STARTED', assignee_uid: null },
      ],
    })
    expect(batch.status).toBe(422)
    expect(batch.body.error.fields[0].path).toBe('/body/items/1/status')
    expect((await tenant.api.get(`tasks/${uid}`)).body.fields.note).toBeUndefined()

    const operatorUid = await uidOf('operator')
    const started = await tenant.api.patch(`tasks/${uid}`, {
      status: 'STARTED',
      assignee_uid: operatorUid,
    })
    expect(started.body).toMatchObject({ status: 'STARTED', assignee_uid: operatorUid })
    // Unassigning a started task stops it rather than leave it running for nobody.
    const unassigned = await tenant.api.patch(`tasks/${uid}`, { assignee_uid: null })
    expect(unassigned.body).toMatchObject({ status: 'TODO', assignee_uid: null })
  })
})
