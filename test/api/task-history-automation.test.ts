import { beforeEach, describe, expect, inject, it } from 'vitest'
import type { ApiClient } from '../support/api-client'
import { claimTenant, type Tenant } from '../support/tenants'
import { waitFor } from '../support/wait-for'

interface HistoryEntry {
  type: string
  actor_uid: string | null
  automation: { uid: string; name: string | null } | null
}

describe.each(inject('engines'))('task history naming automation rules on $name', (engine) => {
  let tenant: Tenant
  let admin: ApiClient
  beforeEach(() => {
    tenant = claimTenant(engine)
    admin = tenant.as.admin
  })

  const history = async (uid: string) => {
    const res = await tenant.api.get(`tasks/${uid}/events`)
    expect(res.status, res.text).toBe(200)
    return res.body.items as HistoryEntry[]
  }

  it("names the rule that made a change, with its current name, and no rule on others' entries", async () => {
    const name = `Tag gold ${Math.random()}`
    const rule = await admin.post('automations', {
      name,
      trigger: { kind: 'event', on: ['created'] },
      condition: { field: 'tier', operator: '==', value: 'gold' },
      actions: [{ type: 'set_field', field: 'vip', value: true }],
    })
    expect(rule.status, rule.text).toBe(200)
    const task = await tenant.api.post('tasks', { fields: { title: 't', tier: 'gold' } })
    expect(task.status, task.text).toBe(200)
    const uid = task.body.uid as string

    const entries = await waitFor('the rule in the history', async () => {
      const items = await history(uid)
      return items.some((entry) => entry.automation) ? items : undefined
    })
    const byRule = entries.filter((entry) => entry.automation !== null)
    expect(byRule.map((entry) => entry.type)).toEqual(['fields_changed'])
    expect(byRule[0]).toMatchObject({ actor_uid: null, automation: { uid: rule.body.uid, name } })
    const created = entries.find((entry) => entry.type === 'created')
    expect(created?.automation).toBeNull()

    // The rule is read as it is now: renamed, then deleted (its uid stays, its name goes).
    const renamed = await admin.patch(`automations/${rule.body.uid}`, { name: 'Tag VIPs' })
    expect(renamed.status, renamed.text).toBe(200)
    const afterRename = (await history(uid)).find((entry) => entry.automation)
    expect(afterRename?.automation).toEqual({ uid: rule.body.uid, name: 'Tag VIPs' })
    expect((await admin.delete(`automations/${rule.body.uid}`)).status).toBe(204)
    const afterDelete = (await history(uid)).find((entry) => entry.automation)
    expect(afterDelete?.automation).toEqual({ uid: rule.body.uid, name: null })
  })
})
