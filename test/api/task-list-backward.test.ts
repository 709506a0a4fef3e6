import { beforeEach, describe, expect, inject, it } from 'vitest'
import type { ApiClient } from '../support/api-client'
import { claimTenant, type Tenant } from '../support/tenants'

type Page = {
  items: { uid: string }[]
  meta: { prev_cursor: string | null; next_cursor: string | null }
}

async function page(api: ApiClient, query: Record<string, string>): Promise<Page> {
  const res = await api.get('tasks', { query })
  expect(res.status, res.text).toBe(200)
  return res.body
}

const uids = (p: Page) => p.items.map((task) => task.uid)

describe.each(inject('engines'))('walking the task list backwards on $name', (engine) => {
  let tenant: Tenant
  beforeEach(() => {
    tenant = claimTenant(engine)
  })

  it.each(['due_at', '-created_at'])(
    'prev_cursor walks back page for page (sort %s)',
    async (sort) => {
      const { api } = tenant
      const res = await api.post('tasks/batch', {
        items: Array.from({ length: 23 }, (_, i) => ({
          fields: { title: `t${i}` },
          // Ties on the sort key, broken by uid.
          due_at: new Date(Date.UTC(2030, 0, 1 + Math.floor(i / 3))).toISOString(),
        })),
      })
      expect(res.status).toBe(200)
      const forward: Page[] = [await page(api, { sort, limit: '5' })]
      expect(forward[0]?.meta.prev_cursor).toBeNull()
      while (forward.at(-1)?.meta.next_cursor) {
        forward.push(
          await page(api, { sort, limit: '5', cursor: forward.at(-1)?.meta.next_cursor as string }),
        )
      }
      expect(forward.map((p) => p.items.length)).toEqual([5, 5, 5, 5, 3])
      // From the last page back to the first, each page is the one seen walking forward.
      const backward: Page[] = [forward.at(-1) as Page]
      while (backward.at(-1)?.meta.prev_cursor) {
        backward.push(
          await page(api, {
            sort,
            limit: '5',
            cursor: backward.at(-1)?.meta.prev_cursor as string,
          }),
        )
      }
      expect(backward.map(uids).reverse()).toEqual(forward.map(uids))
      // And forward again from a page reached backwards.
      const second = backward.at(-2) as Page
      const third = await page(api, { sort, limit: '5', cursor: second.meta.next_cursor as string })
      expect(uids(third)).toEqual(uids(forward[2] as Page))
      // A cursor made for another order is refused.
      const wrong = await api.get('tasks', {
        query: { sort: 'updated_at', cursor: second.meta.prev_cursor as string },
      })
      expect(wrong.status).toBe(422)
    },
  )
})
