import type { QueueStats, Role, Task, WebSession } from '../api'

/** A session of `role` in organization "acme". */
export function session(role: Role = 'admin'): WebSession {
  return {
    account: {
      organization: { uid: '00000000-0000-4000-8000-000000000001', name: 'acme' },
      user: {
        uid: '00000000-0000-4000-8000-0000000000a1',
        email: 'ada@acme.test',
        name: 'Ada',
        role,
      },
      // The API describes the session itself where a token would be.
      token: { uid: '00000000-0000-4000-8000-0000000000b1', name: 'web session', role },
      role,
    },
    csrf_token: 'csrf-test',
  }
}

/** A task with every native key, its fields merged over a title. */
export function task(uid: string, fields: Record<string, unknown> = {}): Task {
  const now = '2025-09-11T12:00:00.000Z'
  return {
    uid,
    status: 'TODO',
    archived: false,
    due_at: now,
    created_at: now,
    updated_at: now,
    started_at: null,
    done_at: null,
    snooze_expires_at: null,
    fields: { title: `Task ${uid}`, ...fields },
    queue_uid: null,
    queue_updated_by: null,
    assignee_uid: null,
    assignee_updated_by: null,
    assigned_at: null,
    played_at: null,
    is_assigned_player: false,
    skills: [],
    tags: [],
    parent_uid: null,
    case_uid: null,
    num_children: 0,
    num_children_done: 0,
    participants: {},
    form_data: {},
    metadata_form_uid: null,
    review_status: null,
    task_type: null,
    external_id: null,
    external_status: null,
    external_status_updated_at: null,
    external_assignee_uid: null,
    external_created_at: null,
    external_updated_at: null,
    sla_breach_at: null,
    sla_due_at: null,
    first_response_due_at: null,
    resolution_due_at: null,
    sla_paused_since: null,
    sla_breach_business_at: null,
    queue_time: null,
    queue_time_business: null,
    wait_time: 60,
    wait_time_business: 0,
    work_time: 0,
    work_time_business: 0,
    incremental_work_time: 0,
    incremental_work_time_business: 0,
    resolution_time: null,
    resolution_time_business: null,
  }
}

/** A line of `GET /queues/stats`. */
export function stats(
  queueUid: string | null,
  name: string | null,
  open: number,
  overdue = 0,
  breaching = 0,
): QueueStats {
  return {
    queue_uid: queueUid,
    queue_name: name,
    measured_at: '2025-09-11T12:00:00.000Z',
    open,
    started: 0,
    overdue,
    breaching_sla: breaching,
    oldest_open_age: null,
    done_last_hour: 0,
    done_last_day: 0,
    median_resolution_time: null,
    median_wait_time: null,
    median_work_time: null,
    sla_compliance_last_day: null,
  }
}
