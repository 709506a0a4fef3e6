import type { Account, Schema } from '../../../sdk/src/index'

export type {
  ApiToken,
  Comment,
  CreatedToken,
  ListTasksQuery,
  Schema,
  Task,
  TaskPage,
  TaskStatus,
} from '../../../sdk/src/index'

/** `super_admin`, `admin`, `operator` or `viewer`. */
export type Role = Account['role']
export type Queue = Schema<'Queue'>
export type User = Schema<'User'>
export type TaskEvent = Schema<'TaskEvent'>
export type PlayerState = Schema<'PlayerState'>
export type OrgSettings = Schema<'OrgSettings'>

/**
 * Who is signed in, as `GET /auth/session` describes it: the organization, the user and the
 * role the session acts with (a session has no token, unlike `GET /accounts/me`).
 */
export interface SessionAccount {
  organization: { uid: string; name: string }
  user: { uid: string; email: string; name: string; role: Role }
  role: Role
}

/** The answer of `POST /auth/login` and `GET /auth/session`. */
export interface SessionInfo {
  account: SessionAccount
  csrf_token: string
}

/**
 * Backlog figures of one queue (`GET /queues/stats`), as `src/contract/queue-stats.ts`
 * defines them; `queue_uid` null is the line of the tasks in no queue.
 */
export interface QueueStats {
  queue_uid: string | null
  queue_name: string | null
  measured_at: string
  open: number
  started: number
  overdue: number
  breaching_sla: number
  oldest_open_age: number | null
  done_last_hour: number
  done_last_day: number
  median_resolution_time: number | null
  median_wait_time: number | null
  median_work_time: number | null
}
