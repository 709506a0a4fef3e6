import { randomUUID } from 'node:crypto'
import { beforeEach, describe, expect, inject, it } from 'vitest'
import { claimTenant, type Tenant } from '../support/tenants'

const section = (items: { key: string; required?: boolean; help_text?: string }[], title = '') => ({
  title,
  help_text: '',
  items: items.map((item) => ({ required: false, ...item })),
})

/** The paths a 422 names, each once. */
const paths = (body: { error: { fields?: { path: string }[] } }) =>
  [...new Set((body.error.fields ?? []).map((field) => field.path))].sort()

describe.each(inject('engines'))('forms on $name', (engine) => {
  let tenant: Tenant
  beforeEach(async () => {
    tenant = claimTenant(engine)
    for (const [key, type] of [
      ['decision', 'text'],
      ['amount', 'number'],
      ['note', 'long_text'],
    ]) {
      const res = await tenant.as.admin.post('fields', { key, label: key, type })
      expect(res.status, res.text).toBe(200)
    }
  })

  const createForm = async (body: Record<string, unknown>) => {
    const res = await tenant.as.admin.post('forms', body)
    expect(res.status, res.text).toBe(200)
    return res.body as { uid: string; name: string; queue_uids: string[] }
  }

  it('creates, lists by name, reads, changes and deletes a form', async () => {
    const review = await createForm({
      name: 'Review',
      description: 'Before closing',
      task_type: 'claim',
      sections: [
        section([{ key: 'decision', required: true }], 'Outcome'),
        section([{ key: 'amount', help_text: 'As paid' }, { key: 'note' }], 'Details'),
      ],
    })
    expect(review).toMatchObject({
      name: 'Review',
      description: 'Before closing',
      task_type: 'claim',
      queue_uids: [],
      sections: [
        { title: 'Outcome', items: [{ key: 'decision', required: true }] },
        {
          title: 'Details',
          items: [
            { key: 'amount', required: false, help_text: 'As paid' },
            { key: 'note', required: false },
          ],
        },
      ],
    })
    const intake = await createForm({ name: 'Intake', sections: [section([{ key: 'note' }])] })
    expect(intake).toMatchObject({ description: '', task_type: null })

    const list = await tenant.as.viewer.get('forms')
    expect(list.status).toBe(200)
    expect(list.body.items.map((form: { name: string }) => form.name)).toEqual(['Intake', 'Review'])
    expect((await tenant.as.operator.get(`forms/${review.uid}`)).body.name).toBe('Review')

    const changed = await tenant.as.admin.patch(`forms/${review.uid}`, {
      name: 'Claim review',
      sections: [section([{ key: 'amount', required: true }])],
    })
    expect(changed.status, changed.text).toBe(200)
    expect(changed.body).toMatchObject({
      name: 'Claim review',
      description: 'Before closing',
      sections: [{ items: [{ key: 'amount', required: true }] }],
    })

    expect((await tenant.as.admin.delete(`forms/${review.uid}`)).status).toBe(204)
    expect((await tenant.as.admin.get(`forms/${review.uid}`)).status).toBe(404)
    expect((await tenant.as.admin.delete(`forms/${review.uid}`)).status).toBe(404)
  })

  it('refuses an unknown or deleted field key, and a key twice, naming the item', async () => {
    const unknown = await tenant.as.admin.post('forms', {
      name: 'Bad',
      sections: [section([{ key: 'decision' }, { key: 'amount' }, { key: 'colour' }])],
    })
    expect(unknown.status).toBe(422)
    expect(paths(unknown.body)).toEqual(['/body/sections/0/items/2/key'])

    const twice = await tenant.as.admin.post('forms', {
      name: 'Bad',
      sections: [section([{ key: 'note' }]), section([{ key: 'amount' }, { key: 'note' }])],
    })
    expect(twice.status).toBe(422)
    expect(paths(twice.body)).toEqual(['/body/sections/1/items/1/key'])

    // A definition deleted is unknown from then on.
    const fields = (await tenant.as.admin.get('fields')).body.items as {
      uid: string
      key: string
    }[]
    const note = fields.find((field) => field.key === 'note')
    expect((await tenant.as.admin.delete(`fields/${note?.uid}`)).status).toBe(204)
    const form = await createForm({ name: 'Good', sections: [section([{ key: 'decision' }])] })
    const deleted = await tenant.as.admin.patch(`forms/${form.uid}`, {
      sections: [section([{ key: 'decision' }, { key: 'note' }])],
    })
    expect(deleted.status).toBe(422)
    expect(paths(deleted.body)).toEqual(['/body/sections/0/items/1/key'])

    const shapeless = await tenant.as.admin.post('forms', { name: 'x', sections: [] })
    expect(shapeless.status).toBe(422)
    expect(paths(shapeless.body)).toEqual(['/body/sections'])
    expect((await tenant.as.admin.get('forms')).body.items).toHaveLength(1)
  })

  it('refuses a name another form has (409 name_taken)', async () => {
    const first = await createForm({ name: 'Review', sections: [section([])] })
    const again = await tenant.as.admin.post('forms', { name: 'Review', sections: [section([])] })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('name_taken')
    const other = await createForm({ name: 'Other', sections: [section([])] })
    const renamed = await tenant.as.admin.patch(`forms/${other.uid}`, { name: 'Review' })
    expect(renamed.status).toBe(409)
    expect(renamed.body.error.code).toBe('name_taken')
    // Its own name is not taken from itself.
    expect((await tenant.as.admin.patch(`forms/${first.uid}`, { name: 'Review' })).status).toBe(200)
  })

  it('lets only admins write, every role read, and keeps other organizations out', async () => {
    const form = await createForm({ name: 'Mine', sections: [section([{ key: 'note' }])] })
    for (const role of ['viewer', 'operator'] as const) {
      const client = tenant.as[role]
      expect((await client.get(`forms/${form.uid}`)).status).toBe(200)
      const writes = [
        await client.post('forms', { name: 'x', sections: [section([])] }),
        await client.patch(`forms/${form.uid}`, { name: 'y' }),
        await client.delete(`forms/${form.uid}`),
      ]
      expect(writes.map((res) => res.status)).toEqual([403, 403, 403])
    }
    const other = claimTenant(engine)
    expect((await other.as.admin.get(`forms/${form.uid}`)).status).toBe(404)
    expect((await other.as.admin.patch(`forms/${form.uid}`, { name: 'x' })).status).toBe(404)
    expect((await other.as.admin.delete(`forms/${form.uid}`)).status).toBe(404)
    expect((await other.as.admin.get('forms')).body.items).toEqual([])
    // Their form cannot name our definitions: they have none.
    const theirs = await other.as.admin.post('forms', {
      name: 'Theirs',
      sections: [section([{ key: 'note' }])],
    })
    expect(theirs.status).toBe(422)
    // Nor can their queue use our form.
    const queue = await other.as.admin.post('queues', { name: 'Q', form_uid: form.uid })
    expect(queue.status).toBe(422)
    expect(paths(queue.body)).toEqual(['/body/form_uid'])
    expect((await tenant.as.admin.get(`forms/${form.uid}`)).body.name).toBe('Mine')
  })

  it('attaches to queues, lists them, and leaves them without a form when deleted', async () => {
    const form = await createForm({ name: 'Close', sections: [section([{ key: 'decision' }])] })
    const a = await tenant.as.admin.post('queues', { name: 'A', form_uid: form.uid, position: 0 })
    expect(a.status, a.text).toBe(200)
    expect(a.body.form_uid).toBe(form.uid)
    const b = await tenant.as.admin.post('queues', { name: 'B', position: 1 })
    expect(b.body.form_uid).toBeNull()
    const attached = await tenant.as.admin.patch(`queues/${b.body.uid}`, {
      form_uid: form.uid.toUpperCase(),
    })
    expect(attached.body.form_uid).toBe(form.uid)
    expect((await tenant.as.viewer.get(`forms/${form.uid}`)).body.queue_uids).toEqual([
      a.body.uid,
      b.body.uid,
    ])
    // Other changes of the queue keep its form.
    expect(
      (await tenant.as.admin.patch(`queues/${a.body.uid}`, { name: 'A2' })).body.form_uid,
    ).toBe(form.uid)
    const detached = await tenant.as.admin.patch(`queues/${a.body.uid}`, { form_uid: null })
    expect(detached.body.form_uid).toBeNull()
    expect((await tenant.as.viewer.get(`forms/${form.uid}`)).body.queue_uids).toEqual([b.body.uid])

    const unknown = await tenant.as.admin.patch(`queues/${a.body.uid}`, { form_uid: randomUUID() })
    expect(unknown.status).toBe(422)
    expect(paths(unknown.body)).toEqual(['/body/form_uid'])
    const created = await tenant.as.admin.post('queues', { name: 'C', form_uid: randomUUID() })
    expect(created.status).toBe(422)
    expect(paths(created.body)).toEqual(['/body/form_uid'])
    expect((await tenant.as.admin.patch(`queues/${randomUUID()}`, { form_uid: null })).status).toBe(
      404,
    )

    expect((await tenant.as.admin.delete(`forms/${form.uid}`)).status).toBe(204)
    expect((await tenant.as.viewer.get(`queues/${b.body.uid}`)).body.form_uid).toBeNull()
  })

  it('allows at most 100 forms per organization (409 limit_reached)', async () => {
    for (let i = 0; i < 100; i++) {
      await createForm({ name: `Form ${i}`, sections: [section([{ key: 'note' }])] })
    }
    const over = await tenant.as.admin.post('forms', { name: 'One more', sections: [section([])] })
    expect(over.status).toBe(409)
    expect(over.body.error.code).toBe('limit_reached')
  })
})
