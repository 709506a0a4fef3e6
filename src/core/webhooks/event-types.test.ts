import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { TASK_EVENT_TYPES } from '../../contract/events'
import { WEBHOOK_EVENT_TYPES } from '../../contract/webhooks'
import { WEBHOOK_TYPE_OF, webhookTypeOf } from './event-types'

const MIGRATION = new URL('../../store/migrations/0003_webhooks.sql', import.meta.url)

/** The WHEN … THEN pairs of tessera_webhook_type, the mapping the database fans out with. */
function sqlMapping(): Record<string, string> {
  const sql = readFileSync(MIGRATION, 'utf8')
  const body = /FUNCTION tessera_webhook_type[\s\S]*?\$\$([\s\S]*?)\$\$/.exec(sql)?.[1] ?? ''
  return Object.fromEntries(
    [...body.matchAll(/WHEN '(\w+)' THEN '([\w.]+)'/g)].map((m) => [m[1], m[2]]),
  )
}

describe('webhook event types', () => {
  it('send every kind of history entry as one of the subscribable types', () => {
    for (const type of TASK_EVENT_TYPES) {
      expect(WEBHOOK_EVENT_TYPES).toContain(webhookTypeOf(type))
    }
  })

  it('give each lifecycle move its own type and fold the rest into task.updated', () => {
    expect(webhookTypeOf('created')).toBe('task.created')
    expect(webhookTypeOf('assigned')).toBe('task.assigned')
    expect(webhookTypeOf('unassigned')).toBe('task.unassigned')
    expect(webhookTypeOf('started')).toBe('task.started')
    expect(webhookTypeOf('paused')).toBe('task.paused')
    expect(webhookTypeOf('skipped')).toBe('task.skipped')
    expect(webhookTypeOf('completed')).toBe('task.completed')
    for (const type of ['fields_changed', 'updated', 'routed', 'snoozed', 'reopened'] as const) {
      expect(webhookTypeOf(type)).toBe('task.updated')
    }
    for (const type of ['archived', 'unarchived', 'commented'] as const) {
      expect(webhookTypeOf(type)).toBe('task.updated')
    }
  })

  it('every subscribable type is sent for some entry', () => {
    expect(new Set(Object.values(WEBHOOK_TYPE_OF))).toEqual(new Set(WEBHOOK_EVENT_TYPES))
  })

  it('agree with the database trigger, entry by entry', () => {
    expect(sqlMapping()).toEqual(WEBHOOK_TYPE_OF)
  })
})
