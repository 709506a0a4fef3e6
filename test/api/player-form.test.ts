import { randomUUID } from 'node:crypto'
import { beforeEach, describe, expect, inject, it } from 'vitest'
import { claimTenant, type Tenant } from '../support/tenants'

const OPTIONS = [
  { value: 'accept', label: 'Accept' },
  { value: 'refuse', label: 'Refuse' },
]

/** The paths a 422 names, each once. */
const paths = (body: { error: { fields?: { path: string }[] } }) =>
  [...new Set((body.error.fields ?? []).map((field) => field.path))].sort()

describe.each(inject('engines'))('custom field values and completion forms on $name', (engine) => {
  let tenant: Tenant
  beforeEach(async () => {
    tenant = claimTenant(engine)
    const definitions = [
      { key: 'decision', label: 'Decision', type: 'single_select', options: OPTIONS },
      { key: 'amount', label: 'Amount', type: 'money', currency: 'EUR' },
      { key: 'note', label: 'Note', type: 'long_text' },
      { key: 'checked_on', label: 'Checked on', type: 'date' },
    ]
    for (const definition of definitions) {
      const res = await tenant.as.admin.post('fields', definition)
      expect(res.status, res.text).toBe(200)
    }
  })

  const strict = async (on: boolean) => {
    const res = await tenant.as.admin.patch('settings', { strict_fields: on })
    expect(res.status, res.text).toBe(200)
    expect(res.body.strict_fields).toBe(on)
  }

  describe('strict_fields', () => {
    it('is off by default: values that do not fit are stored as sent', async () => {
      expect((await tenant.as.viewer.get('settings')).body.strict_fields).toBe(false)
      const res = await tenant.api.post('tasks', {
        fields: { title: 't', amount: 'a lot', decision: 'maybe', checked_on: '2024-02-30' },
      })
      expect(res.status, res.text).toBe(200)
      expect(res.body.fields).toEqual({
        title: 't',
        amount: 'a lot',
        decision: 'maybe',
        checked_on: '2024-02-30',
      })
    })

    it('refuses every write whose defined field does not fit, naming it; others pass', async () => {
      await strict(true)
      const wrong = { title: 't', amount: '12', decision: 'maybe', free: { any: 'json' } }
      const created = await tenant.api.post('tasks', { fields: wrong })
      expect(created.status).toBe(422)
      expect(created.body.error.code).toBe('validation_failed')
      expect(paths(created.body)).toEqual(['/body/fields/amount', '/body/fields/decision'])

      const ok = await tenant.api.post('tasks', {
        fields: { title: 't', amount: 12.5, decision: 'accept', free: { any: 'json' } },
      })
      expect(ok.status, ok.text).toBe(200)
      const uid = ok.body.uid as string

      const put = await tenant.api.put(`tasks/${uid}`, {
        fields: { title: 't', checked_on: '2024-02-30' },
      })
      expect(put.status).toBe(422)
      expect(paths(put.body)).toEqual(['/body/fields/checked_on'])

      const patched = await tenant.api.patch(`tasks/${uid}`, { fields: { amount: true } })
      expect(patched.status).toBe(422)
      expect(paths(patched.body)).toEqual(['/body/fields/amount'])
      // Removing a value (null) is always fine.
      expect((await tenant.api.patch(`tasks/${uid}`, { fields: { amount: null } })).status).toBe(
        200,
      )

      const batch = await tenant.api.post('tasks/batch', {
        items: [
          { fields: { title: 'a', amount: 1 } },
          { fields: { title: 'b', decision: 'nope' } },
        ],
      })
      expect(batch.status).toBe(422)
      expect(paths(batch.body)).toEqual(['/body/items/1/fields/decision'])
      const upsert = await tenant.api.put('tasks/batch', {
        items: [{ uid: randomUUID(), fields: { title: 'a', amount: 'x' } }],
      })
      expect(paths(upsert.body)).toEqual(['/body/items/0/fields/amount'])
      const patchBatch = await tenant.api.patch('tasks/batch', {
        items: [
          { uid, fields: { note: 'fine' } },
          { uid: randomUUID(), fields: { note: 3 } },
        ],
      })
      expect(patchBatch.status).toBe(422)
      expect(paths(patchBatch.body)).toEqual(['/body/items/1/fields/note'])

      // Nothing refused was written.
      const stored = (await tenant.api.get(`tasks/${uid}`)).body
      expect(stored.fields).toEqual({ title: 't', decision: 'accept', free: { any: 'json' } })

      await strict(false)
      expect((await tenant.api.patch(`tasks/${uid}`, { fields: { amount: true } })).status).toBe(
        200,
      )
    })

    it('does not let a PATCH be refused for a value it leaves alone', async () => {
      const { body: task } = await tenant.api.post('tasks', { fields: { title: 't', amount: 'x' } })
      await strict(true)
      const res = await tenant.api.patch(`tasks/${task.uid}`, { fields: { note: 'ok' } })
      expect(res.status, res.text).toBe(200)
      expect(res.body.fields.amount).toBe('x')
    })
  })

  describe('metadata_form_uid', () => {
    it('is stored and returned by every task write, like task_type', async () => {
      const form = randomUUID()
      const created = await tenant.api.post('tasks', {
        metadata_form_uid: form.toUpperCase(),
        fields: { title: 't' },
      })
      expect(created.body.metadata_form_uid).toBe(form)
      const uid = created.body.uid as string
      expect((await tenant.api.get(`tasks/${uid}`)).body.metadata_form_uid).toBe(form)
      // A PUT or PATCH without the key keeps it; null clears it.
      expect((await tenant.api.put(`tasks/${uid}`, { fields: { title: 'u' } })).body).toMatchObject(
        { metadata_form_uid: form },
      )
      const cleared = await tenant.api.patch(`tasks/${uid}`, { metadata_form_uid: null })
      expect(cleared.body.metadata_form_uid).toBeNull()
      const other = randomUUID()
      const batch = await tenant.api.patch('tasks/batch', {
        items: [{ uid, metadata_form_uid: other }],
      })
      expect(batch.body.items[0].task.metadata_form_uid).toBe(other)
      const events = (await tenant.api.get(`tasks/${uid}/events`)).body.items as {
        type: string
        data: { keys?: string[] }
      }[]
      expect(events.filter((e) => e.data.keys?.includes('metadata_form_uid'))).toHaveLength(2)
      const plain = await tenant.api.post('tasks', { fields: { title: 'plain' } })
      expect(plain.body.metadata_form_uid).toBeNull()
      const bad = await tenant.api.post('tasks', { metadata_form_uid: 'x', fields: { title: 't' } })
      expect(bad.status).toBe(422)
      expect(paths(bad.body)).toContain('/body/metadata_form_uid')
    })
  })

  describe('POST /player/complete with a form', () => {
    const setUp = async () => {
      const form = await tenant.as.admin.post('forms', {
        name: 'Close claim',
        sections: [
          {
            title: 'Outcome',
            help_text: '',
            items: [
              { key: 'decision', required: true },
              { key: 'amount', required: true },
              { key: 'note', required: false },
            ],
          },
        ],
      })
      expect(form.status, form.text).toBe(200)
      const queue = await tenant.as.admin.post('queues', {
        name: 'Claims',
        form_uid: form.body.uid,
      })
      expect(queue.status, queue.text).toBe(200)
      const task = await tenant.api.post('tasks', { fields: { title: 'claim', amount: 40 } })
      expect(task.body.queue_uid).toBe(queue.body.uid)
      const op = tenant.as.operator
      const next = await op.post('player/next')
      expect(next.body.task.uid).toBe(task.body.uid)
      return { formUid: form.body.uid as string, taskUid: task.body.uid as string }
    }

    it('refuses while a required field has no value, then completes with form_data', async () => {
      const { formUid, taskUid } = await setUp()
      const op = tenant.as.operator
      const refused = await op.post('player/complete', {})
      expect(refused.status).toBe(422)
      expect(refused.body.error.code).toBe('validation_failed')
      // amount is there already; decision is not.
      expect(paths(refused.body)).toEqual(['/body/form_data/decision'])
      const blank = await op.post('player/complete', {
        form_data: { decision: '  ', amount: null },
      })
      expect(paths(blank.body)).toEqual(['/body/form_data/amount', '/body/form_data/decision'])
      const still = (await tenant.api.get(`tasks/${taskUid}`)).body
      expect(still).toMatchObject({ status: 'STARTED', form_data: {}, metadata_form_uid: null })

      const done = await op.post('player/complete', {
        task_uid: taskUid,
        form_data: { decision: 'accept', note: 'paid in full' },
      })
      expect(done.status, done.text).toBe(200)
      expect(done.body).toMatchObject({
        uid: taskUid,
        status: 'DONE',
        fields: { title: 'claim', amount: 40, decision: 'accept', note: 'paid in full' },
        form_data: { decision: 'accept', note: 'paid in full' },
        metadata_form_uid: formUid,
      })
      expect((await tenant.api.get(`tasks/${taskUid}`)).body).toMatchObject({
        status: 'DONE',
        fields: { decision: 'accept' },
        metadata_form_uid: formUid,
      })

      const events = (await tenant.api.get(`tasks/${taskUid}/events`)).body.items as {
        type: string
        data: Record<string, unknown>
      }[]
      const last = events.slice(-3)
      expect(last.map((event) => event.type)).toEqual(['fields_changed', 'updated', 'completed'])
      expect(last[0]?.data.keys).toEqual(['decision', 'note'])
      expect(last[1]?.data.keys).toEqual(['form_data', 'metadata_form_uid'])
    })

    it('asks for definitions required for completion in every queue', async () => {
      const fields = (await tenant.as.admin.get('fields')).body.items as {
        uid: string
        key: string
      }[]
      const note = fields.find((field) => field.key === 'note')
      await tenant.as.admin.patch(`fields/${note?.uid}`, { required_for_completion: true })
      // A queue without a form: the definition alone asks for a value.
      await tenant.as.admin.post('queues', { name: 'No form' })
      const task = await tenant.api.post('tasks', { fields: { title: 'anywhere' } })
      const op = tenant.as.operator
      expect((await op.post('player/next')).body.task.uid).toBe(task.body.uid)
      const refused = await op.post('player/complete', {})
      expect(refused.status).toBe(422)
      expect(paths(refused.body)).toEqual(['/body/form_data/note'])
      expect(refused.body.error.fields[0].message).toContain('Note')
      const done = await op.post('player/complete', { form_data: { note: 'seen' } })
      expect(done.status, done.text).toBe(200)
      expect(done.body).toMatchObject({ fields: { note: 'seen' }, metadata_form_uid: null })
    })

    it('checks a completion against the definitions as they are now, not as at the hand-out', async () => {
      const fields = (await tenant.as.admin.get('fields')).body.items as {
        uid: string
        key: string
      }[]
      const note = fields.find((field) => field.key === 'note')
      await tenant.as.admin.post('queues', { name: 'No form' })
      for (const title of ['first', 'second', 'third']) {
        await tenant.api.post('tasks', { fields: { title } })
      }
      const op = tenant.as.operator
      // A first completion, which the server may keep the definitions of.
      expect((await op.post('player/next')).status).toBe(200)
      expect((await op.post('player/complete', {})).status).toBe(200)
      const second = (await op.post('player/next')).body.task.uid as string
      const required = await tenant.as.admin.patch(`fields/${note?.uid}`, {
        required_for_completion: true,
      })
      expect(required.status).toBe(200)
      const refused = await op.post('player/complete', { task_uid: second })
      expect(refused.status, refused.text).toBe(422)
      expect(paths(refused.body)).toEqual(['/body/form_data/note'])
      expect((await tenant.api.get(`tasks/${second}`)).body.status).toBe('STARTED')
      expect((await op.post('player/complete', { form_data: { note: 'seen' } })).status).toBe(200)
      // And the other way round: no longer required since the hand-out, so no longer asked.
      const third = (await op.post('player/next')).body.task.uid as string
      await tenant.as.admin.patch(`fields/${note?.uid}`, { required_for_completion: false })
      const done = await op.post('player/complete', {})
      expect(done.status, done.text).toBe(200)
      expect(done.body).toMatchObject({ uid: third, status: 'DONE' })
    })

    it('type-checks the values entered only when strict_fields is on', async () => {
      const { taskUid } = await setUp()
      const op = tenant.as.operator
      await strict(true)
      const refused = await op.post('player/complete', {
        form_data: { decision: 'perhaps', amount: '12', checked_on: 'today', free: 1 },
      })
      expect(refused.status).toBe(422)
      expect(paths(refused.body)).toEqual([
        '/body/form_data/amount',
        '/body/form_data/checked_on',
        '/body/form_data/decision',
      ])
      await strict(false)
      const done = await op.post('player/complete', { form_data: { decision: 'perhaps' } })
      expect(done.status, done.text).toBe(200)
      expect(done.body.fields.decision).toBe('perhaps')
      expect((await tenant.api.get(`tasks/${taskUid}`)).body.status).toBe('DONE')
    })

    it('keeps the title a title, and refuses someone else’s task before its form', async () => {
      await setUp()
      const op = tenant.as.operator
      const untitled = await op.post('player/complete', {
        form_data: { decision: 'accept', title: null },
      })
      expect(untitled.status).toBe(422)
      expect(paths(untitled.body)).toEqual(['/body/form_data/title'])
      const other = await tenant.api.post('tasks', { fields: { title: 'not yours' } })
      const notMine = await op.post('player/complete', { task_uid: other.body.uid })
      expect(notMine.status).toBe(409)
      expect(notMine.body.error.code).toBe('not_your_open_task')
      const missing = await op.post('player/complete', { task_uid: randomUUID() })
      expect(missing.status).toBe(404)
    })

    it('still completes without a body where nothing is required, and pauses as before', async () => {
      await tenant.as.admin.post('queues', { name: 'No form' })
      await tenant.api.post('tasks', { fields: { title: 'plain' } })
      const op = tenant.as.operator
      await op.post('player/next')
      expect((await op.post('player/pause')).body.status).toBe('TODO')
      await op.post('player/next')
      const done = await op.post('player/complete')
      expect(done.status, done.text).toBe(200)
      expect(done.body).toMatchObject({ status: 'DONE', form_data: {}, metadata_form_uid: null })
    })
  })
})
