import { randomUUID } from 'node:crypto'
import { beforeEach, describe, expect, inject, it } from 'vitest'
import { claimTenant, type Tenant } from '../support/tenants'

const OPTIONS = [
  { value: 'low', label: 'Low' },
  { value: 'high', label: 'High' },
]

/** The paths a 422 names. */
const paths = (body: { error: { fields?: { path: string }[] } }) =>
  [...new Set((body.error.fields ?? []).map((field) => field.path))].sort()

describe.each(inject('engines'))('field definitions on $name', (engine) => {
  let tenant: Tenant
  beforeEach(() => {
    tenant = claimTenant(engine)
  })

  const define = async (body: Record<string, unknown>) => {
    const res = await tenant.as.admin.post('fields', body)
    expect(res.status, res.text).toBe(200)
    return res.body as { uid: string; key: string; position: number }
  }

  it('creates, lists in position order, reads, changes and deletes a definition', async () => {
    const amount = await define({ key: 'amount', label: 'Amount', type: 'money', currency: 'EUR' })
    expect(amount).toMatchObject({
      key: 'amount',
      label: 'Amount',
      type: 'money',
      currency: 'EUR',
      options: null,
      help_text: '',
      required_for_completion: false,
      shown_in_backlog: false,
      position: 0,
    })
    const priority = await define({
      key: 'priority',
      label: 'Priority',
      type: 'single_select',
      options: OPTIONS,
      required_for_completion: true,
      shown_in_backlog: true,
      help_text: 'How soon',
    })
    // Without a position, a definition goes after the last one.
    expect(priority.position).toBe(1)
    const first = await define({ key: 'country', label: 'Country', type: 'text', position: 0 })

    const list = await tenant.as.viewer.get('fields')
    expect(list.status).toBe(200)
    // Equal positions are ordered by key.
    expect(list.body.items.map((field: { key: string }) => field.key)).toEqual([
      'amount',
      'country',
      'priority',
    ])
    expect((await tenant.as.operator.get(`fields/${first.uid}`)).body.key).toBe('country')

    const changed = await tenant.as.admin.patch(`fields/${priority.uid}`, {
      label: 'Urgency',
      options: [...OPTIONS, { value: 'now', label: 'Now' }],
      position: 5,
    })
    expect(changed.status, changed.text).toBe(200)
    expect(changed.body).toMatchObject({ key: 'priority', label: 'Urgency', position: 5 })
    expect(changed.body.options).toHaveLength(3)

    // A type change brings what the new type needs and drops what it cannot have.
    const retyped = await tenant.as.admin.patch(`fields/${amount.uid}`, {
      type: 'number',
      currency: null,
    })
    expect(retyped.status, retyped.text).toBe(200)
    expect(retyped.body).toMatchObject({ type: 'number', currency: null })

    expect((await tenant.as.admin.delete(`fields/${first.uid}`)).status).toBe(204)
    expect((await tenant.as.admin.get(`fields/${first.uid}`)).status).toBe(404)
    expect((await tenant.as.admin.delete(`fields/${first.uid}`)).status).toBe(404)
  })

  it('refuses definitions that do not hold together, naming the field', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ key: 'a', label: 'A', type: 'text', options: OPTIONS }, ['/body/options']],
      [{ key: 'a', label: 'A', type: 'single_select' }, ['/body/options']],
      [{ key: 'a', label: 'A', type: 'multi_select', options: null }, ['/body/options']],
      [
        {
          key: 'a',
          label: 'A',
          type: 'single_select',
          options: [...OPTIONS, { value: 'low', label: 'Again' }],
        },
        ['/body/options/2/value'],
      ],
      [{ key: 'a', label: 'A', type: 'money' }, ['/body/currency']],
      [{ key: 'a', label: 'A', type: 'number', currency: 'EUR' }, ['/body/currency']],
      [{ key: 'title', label: 'Title', type: 'number' }, ['/body/type']],
      [{ key: 'a', label: 'A', type: 'colour' }, ['/body/type']],
      [{ key: 'Not A Key', label: 'A', type: 'text' }, ['/body/key']],
      [{ key: 'a', label: 'A', type: 'money', currency: 'euro' }, ['/body/currency']],
    ]
    for (const [body, expected] of cases) {
      const res = await tenant.as.admin.post('fields', body)
      expect(res.status, JSON.stringify(body)).toBe(422)
      expect(res.body.error.code).toBe('validation_failed')
      expect(paths(res.body), JSON.stringify(body)).toEqual(expected)
    }
    expect((await tenant.as.admin.get('fields')).body.items).toEqual([])
  })

  it('refuses a type change that leaves options or a currency inconsistent', async () => {
    const select = await define({
      key: 'level',
      label: 'Level',
      type: 'single_select',
      options: OPTIONS,
    })
    const text = await define({ key: 'note', label: 'Note', type: 'text' })
    const money = await define({ key: 'paid', label: 'Paid', type: 'money', currency: 'USD' })
    const refusals: [string, Record<string, unknown>, string][] = [
      [select.uid, { type: 'text' }, '/body/options'],
      [text.uid, { type: 'multi_select' }, '/body/options'],
      [money.uid, { type: 'number' }, '/body/currency'],
      [text.uid, { type: 'money' }, '/body/currency'],
      [select.uid, { options: [OPTIONS[0], OPTIONS[0]] }, '/body/options/1/value'],
    ]
    for (const [uid, body, path] of refusals) {
      const res = await tenant.as.admin.patch(`fields/${uid}`, body)
      expect(res.status, JSON.stringify(body)).toBe(422)
      expect(paths(res.body)).toEqual([path])
    }
    // Sent together, the same changes are fine.
    const ok = await tenant.as.admin.patch(`fields/${select.uid}`, { type: 'text', options: null })
    expect(ok.body).toMatchObject({ type: 'text', options: null })
    const multi = await tenant.as.admin.patch(`fields/${text.uid}`, {
      type: 'multi_select',
      options: OPTIONS,
    })
    expect(multi.status).toBe(200)
  })

  it('refuses a key defined already (409 key_taken) and keeps it fixed', async () => {
    const field = await define({ key: 'country', label: 'Country', type: 'text' })
    const again = await tenant.as.admin.post('fields', {
      key: 'country',
      label: 'Another',
      type: 'text',
    })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('key_taken')
    // The key is not writable: an unknown key of the body is dropped, the key stays.
    const patched = await tenant.as.admin.patch(`fields/${field.uid}`, { key: 'land' })
    expect(patched.body.key).toBe('country')
  })

  it('lets only admins write, and every role read', async () => {
    const field = await define({ key: 'kind', label: 'Kind', type: 'text' })
    for (const role of ['viewer', 'operator'] as const) {
      const client = tenant.as[role]
      expect((await client.get('fields')).status).toBe(200)
      const writes = [
        await client.post('fields', { key: 'x', label: 'X', type: 'text' }),
        await client.patch(`fields/${field.uid}`, { label: 'Y' }),
        await client.delete(`fields/${field.uid}`),
      ]
      expect(writes.map((res) => res.status)).toEqual([403, 403, 403])
    }
    expect((await tenant.as.admin.get(`fields/${field.uid}`)).body.label).toBe('Kind')
  })

  it('keeps another organization’s definitions out of reach (404)', async () => {
    const field = await define({ key: 'secret', label: 'Secret', type: 'text' })
    const other = claimTenant(engine)
    expect((await other.as.admin.get(`fields/${field.uid}`)).status).toBe(404)
    expect((await other.as.admin.patch(`fields/${field.uid}`, { label: 'x' })).status).toBe(404)
    expect((await other.as.admin.delete(`fields/${field.uid}`)).status).toBe(404)
    expect((await other.as.admin.get('fields')).body.items).toEqual([])
    // The same key is free in another organization.
    const theirs = await other.as.admin.post('fields', { key: 'secret', label: 'S', type: 'text' })
    expect(theirs.status).toBe(200)
    expect((await tenant.as.admin.get(`fields/${field.uid}`)).body.label).toBe('Secret')
    expect((await tenant.as.admin.get(`fields/${randomUUID()}`)).status).toBe(404)
  })

  it('refuses to delete a field a form uses, naming the forms (409 field_in_use)', async () => {
    const field = await define({ key: 'reason', label: 'Reason', type: 'long_text' })
    const section = { title: '', help_text: '', items: [{ key: 'reason', required: true }] }
    for (const name of ['Close claim', 'Refund']) {
      const form = await tenant.as.admin.post('forms', { name, sections: [section] })
      expect(form.status, form.text).toBe(200)
    }
    const refused = await tenant.as.admin.delete(`fields/${field.uid}`)
    expect(refused.status).toBe(409)
    expect(refused.body.error.code).toBe('field_in_use')
    expect(refused.body.error.message).toContain('Close claim')
    expect(refused.body.error.message).toContain('Refund')
    expect((await tenant.as.admin.get(`fields/${field.uid}`)).status).toBe(200)
  })

  it('allows at most 200 definitions per organization (409 limit_reached)', async () => {
    for (let i = 0; i < 200; i++) {
      const res = await tenant.as.admin.post('fields', {
        key: `f${i}`,
        label: `F${i}`,
        type: 'text',
      })
      expect(res.status, res.text).toBe(200)
    }
    const over = await tenant.as.admin.post('fields', { key: 'one_more', label: 'X', type: 'text' })
    expect(over.status).toBe(409)
    expect(over.body.error.code).toBe('limit_reached')
    expect((await tenant.as.admin.get('fields')).body.items).toHaveLength(200)
  })
})
