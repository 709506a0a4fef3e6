import { describe, expect, it } from 'vitest'
import type { Calendar, SlaPolicy } from '../../contract/calendar'
import { officeCalendar } from '../calendar/test-calendars'
import type { WorkClock } from '../tasks/lifecycle'
import { newTaskState, type TaskState } from '../tasks/task-state'
import { checkSlaPolicy } from './check-sla-policy'
import { NO_SLA, type ResolvedSlaPolicy, settleSla, targetsFor } from './sla-deadlines'

const at = (iso: string) => new Date(iso)
const UTC_OFFICE = officeCalendar('UTC')

function clockAt(iso: string): WorkClock {
  return { now: at(iso), businessMsBetween: () => 0 }
}

/** A new task created at `iso`, in a queue, settled under `resolved`. */
function created(
  iso: string,
  resolved: ResolvedSlaPolicy | null,
  fields: Record<string, unknown> = {},
): TaskState {
  const task = {
    ...newTaskState({ fields } as never, clockAt(iso), '00000000-0000-4000-8000-000000000001'),
    queue_uid: '00000000-0000-4000-8000-0000000000aa',
  }
  return { ...task, ...settleSla(null, task, resolved, at(iso)) }
}

/** `task` changed by `change` at `iso`, settled. */
function write(
  task: TaskState,
  iso: string,
  resolved: ResolvedSlaPolicy | null,
  change: Partial<TaskState>,
): TaskState {
  const after = { ...task, ...change }
  return { ...after, ...settleSla(task, after, resolved, at(iso)) }
}

const policy = (value: SlaPolicy, calendar: Calendar = UTC_OFFICE): ResolvedSlaPolicy => ({
  policy: value,
  calendar,
})

describe('settleSla', () => {
  it('has no deadlines outside a policy', () => {
    expect(
      settleSla(null, created('2025-03-03T10:00:00Z', null), null, at('2025-03-03T10:00:00Z')),
    ).toEqual(NO_SLA)
  })

  it('reads an old policy of resolution_minutes alone as wall-clock, as sla_breach_at was', () => {
    const task = created('2025-03-07T17:00:00Z', policy({ resolution_minutes: 120 }))
    expect(task.resolution_due_at).toEqual(at('2025-03-07T19:00:00Z'))
    expect(task.first_response_due_at).toBeNull()
    expect(task.sla_due_at).toEqual(at('2025-03-07T19:00:00Z'))
  })

  it('counts business hours of a named calendar across its DST change and holiday', () => {
    // New York, Friday 7 March 2025 17:00 EST; clocks spring forward on Sunday 9 March, and
    // Monday 10 March is a holiday of this calendar: 60 minutes on Friday, then Tuesday
    // from 09:00 EDT (13:00Z) for the remaining 180.
    const newYork = officeCalendar('America/New_York', ['2025-03-10'])
    const resolved = policy(
      { clock: 'business', first_response_minutes: 30, resolution_minutes: 240 },
      newYork,
    )
    const task = created('2025-03-07T22:00:00Z', resolved)
    expect(task.first_response_due_at).toEqual(at('2025-03-07T22:30:00Z'))
    expect(task.resolution_due_at).toEqual(at('2025-03-11T16:00:00Z'))
    // Not started yet: the first response is the deadline to meet.
    expect(task.sla_due_at).toEqual(at('2025-03-07T22:30:00Z'))
    const started = write(task, '2025-03-07T22:10:00Z', resolved, {
      status: 'STARTED',
      started_at: at('2025-03-07T22:10:00Z'),
    })
    expect(started.sla_due_at).toEqual(at('2025-03-11T16:00:00Z'))
  })

  it('counts the hours of a calendar in a second time zone (Tokyo)', () => {
    // Friday 17:00 JST = 08:00Z: 60 minutes on Friday, Monday 09:00 JST (00:00Z) + 180.
    const resolved = policy(
      { clock: 'business', resolution_minutes: 240 },
      officeCalendar('Asia/Tokyo'),
    )
    expect(created('2025-03-07T08:00:00Z', resolved).resolution_due_at).toEqual(
      at('2025-03-10T03:00:00Z'),
    )
  })

  it('takes the targets of the field’s value, falling back to the policy’s own', () => {
    const resolved = policy({
      first_response_minutes: 30,
      resolution_minutes: 120,
      by_field: {
        field: 'priority',
        targets: { urgent: { resolution_minutes: 60 }, '3': { first_response_minutes: 5 } },
      },
    })
    const urgent = created('2025-03-03T10:00:00Z', resolved, { priority: 'urgent' })
    expect(urgent.resolution_due_at).toEqual(at('2025-03-03T11:00:00Z'))
    expect(urgent.first_response_due_at).toEqual(at('2025-03-03T10:30:00Z'))
    const low = created('2025-03-03T10:00:00Z', resolved, { priority: 'low' })
    expect(low.resolution_due_at).toEqual(at('2025-03-03T12:00:00Z'))
    expect(targetsFor(resolved.policy, { priority: 3 })).toEqual({
      first_response_minutes: 5,
      resolution_minutes: 120,
    })
    // A write that changes the value moves the deadline.
    const raised = write(low, '2025-03-03T10:20:00Z', resolved, {
      fields: { title: 't', priority: 'urgent' },
    })
    expect(raised.resolution_due_at).toEqual(at('2025-03-03T11:00:00Z'))
  })

  it('moves the deadline by a snooze, and gives back what is left of it on an early wake', () => {
    const resolved = policy({ resolution_minutes: 120, pause: { while_snoozed: true } })
    const task = created('2025-03-03T10:00:00Z', resolved)
    const snoozed = write(task, '2025-03-03T10:30:00Z', resolved, {
      snooze_expires_at: at('2025-03-03T11:30:00Z'),
    })
    expect(snoozed.resolution_due_at).toEqual(at('2025-03-03T13:00:00Z'))
    expect(snoozed.sla_due_at).toEqual(at('2025-03-03T13:00:00Z'))
    const woken = write(snoozed, '2025-03-03T11:00:00Z', resolved, { snooze_expires_at: null })
    expect(woken.resolution_due_at).toEqual(at('2025-03-03T12:30:00Z'))
    expect(woken.sla_paused_ms).toBe(30 * 60_000)
    // A snooze that ran out needs no write: the later write keeps what it counted.
    const later = write(snoozed, '2025-03-03T12:00:00Z', resolved, { tags: ['x'] })
    expect(later.resolution_due_at).toEqual(at('2025-03-03T13:00:00Z'))
  })

  it('counts a snooze on a business clock in business time only', () => {
    const resolved = policy({
      clock: 'business',
      resolution_minutes: 120,
      pause: { while_snoozed: true },
    })
    // Friday 17:00Z, 60 minutes left on Friday; snoozed at 17:30 until Monday 10:00: 30
    // business minutes of Friday and 60 of Monday are paused.
    const task = created('2025-03-07T17:00:00Z', resolved)
    expect(task.resolution_due_at).toEqual(at('2025-03-10T10:00:00Z'))
    const snoozed = write(task, '2025-03-07T17:30:00Z', resolved, {
      snooze_expires_at: at('2025-03-10T10:00:00Z'),
    })
    expect(snoozed.resolution_due_at).toEqual(at('2025-03-10T11:30:00Z'))
  })

  it('stops the clock while the pause condition holds, then moves the deadline by the pause', () => {
    const resolved = policy({
      resolution_minutes: 120,
      pause: { condition: { field: 'waiting_on', operator: '==', value: 'customer' } },
    })
    const task = created('2025-03-03T10:00:00Z', resolved)
    const waiting = write(task, '2025-03-03T10:30:00Z', resolved, {
      fields: { title: 't', waiting_on: 'customer' },
    })
    expect(waiting.sla_due_at).toBeNull()
    expect(waiting.sla_paused_since).toEqual(at('2025-03-03T10:30:00Z'))
    // Another write while paused: the deadline counts the pause so far.
    const touched = write(waiting, '2025-03-03T11:00:00Z', resolved, { tags: ['a'] })
    expect(touched.sla_due_at).toBeNull()
    expect(touched.resolution_due_at).toEqual(at('2025-03-03T12:30:00Z'))
    const answered = write(touched, '2025-03-03T11:15:00Z', resolved, { fields: { title: 't' } })
    expect(answered.sla_paused_since).toBeNull()
    expect(answered.sla_paused_ms).toBe(45 * 60_000)
    expect(answered.sla_due_at).toEqual(at('2025-03-03T12:45:00Z'))
  })

  it('drops the deadlines when the task leaves the policy’s queue', () => {
    const resolved = policy({ resolution_minutes: 120 })
    const task = created('2025-03-03T10:00:00Z', resolved)
    expect(settleSla(task, { ...task, queue_uid: null }, null, at('2025-03-03T10:05:00Z'))).toEqual(
      NO_SLA,
    )
  })
})

describe('checkSlaPolicy', () => {
  it('asks for a target, for each value’s target, and a valid pause condition', () => {
    expect(checkSlaPolicy({ resolution_minutes: 60 }, '/body/sla_policy')).toEqual([])
    expect(
      checkSlaPolicy(
        {
          clock: 'business',
          by_field: { field: 'priority', targets: { 'a/b': {} } },
          pause: { condition: { field: 'status', operator: '==', value: 'NOPE' } },
        },
        '/body/sla_policy',
      ).map((error) => error.path),
    ).toEqual([
      '/body/sla_policy',
      '/body/sla_policy/by_field/targets/a~1b',
      '/body/sla_policy/pause/condition/value',
    ])
  })
})
