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

/** Backlog figures of one queue (`GET /queues/stats`); `queue_uid` null: tasks in no queue. */
export type QueueStats = Schema<'QueueStats'>
