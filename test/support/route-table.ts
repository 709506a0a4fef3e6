import { randomBytes, randomUUID } from 'node:crypto'
import type { Role } from '../../src/core/auth/roles'

/** One route of the API and the least role that may call it (`public`: no token at all). */
export interface RouteRow {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** As in the OpenAPI document, under /api/v1. `{uid}` is filled in by the test. */
  path: string
  least: Role | 'public'
  /**
   * `{uid}` is filled in as in the path, `{unique}` with a fresh random string, `{user}` with
   * a user of the caller's organization.
   */
  body?: unknown
  /**
   * What a caller with enough rights gets. Left out where the answer depends on state the
   * table does not set up (the player, assignment): then anything but 401, 403 or a 5xx.
   */
  allowed?: number
  /** A never-ending response (Server-Sent Events): only refusals can be awaited. */
  stream?: boolean
  /**
   * What a caller with enough rights gets when `{uid}` names another organization's resource
   * (routes with a `{uid}` only). Left out: 404, as for a uid that names nothing.
   */
  otherOrg?: number
}

/** Least to most powerful: the tests' own statement of the hierarchy. */
export const ROLES_ASCENDING: Role[] = ['viewer', 'operator', 'admin', 'super_admin']

const TITLE = { title: 'role matrix' }
const DAY = [{ start: '09:00', end: '18:00' }]
const CALENDAR = {
  time_zone: 'UTC',
  weekly_hours: { mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: DAY, sat: [], sun: [] },
  holidays: [],
}

/**
 * Every operation of the API, once. The role tests are generated from this table, and a test
 * checks that it names exactly the operations of the OpenAPI document, so a new route cannot
 * ship without saying who may call it.
 *
 * Task routes get a real task's uid; the other `{uid}`s name nothing (so a 404 when allowed):
 * revoking a real token or deleting a real queue would change what the next rows see.
 */
export const ROUTES: RouteRow[] = [
  { method: 'GET', path: '/health', least: 'public' },
  // Public, but a caller without a session or with wrong credentials is told so.
  {
    method: 'POST',
    path: '/auth/login',
    least: 'public',
    body: { email: 'nobody@example.com', password: 'wrong password' },
    allowed: 401,
  },
  { method: 'GET', path: '/auth/session', least: 'public', allowed: 401 },
  { method: 'POST', path: '/auth/logout', least: 'viewer', allowed: 204 },
  // Single sign-on: redirects, which the test's fetch follows to the web app's login page.
  { method: 'GET', path: '/auth/sso/start', least: 'public', allowed: 200 },
  { method: 'GET', path: '/auth/sso/callback', least: 'public', allowed: 200 },
  { method: 'GET', path: '/sessions', least: 'viewer', allowed: 200 },
  { method: 'DELETE', path: '/sessions/{uid}', least: 'viewer', allowed: 404 },
  { method: 'GET', path: '/live', least: 'viewer', stream: true },
  { method: 'GET', path: '/stats/daily', least: 'viewer', allowed: 200 },
  // Figures about each colleague's work: managers only.
  { method: 'GET', path: '/reports/operators', least: 'admin', allowed: 200 },
  { method: 'GET', path: '/reports/operators.csv', least: 'admin', allowed: 200 },
  { method: 'GET', path: '/reports/queues', least: 'admin', allowed: 200 },
  { method: 'GET', path: '/reports/queues.csv', least: 'admin', allowed: 200 },
  { method: 'GET', path: '/reports/hours', least: 'admin', allowed: 200 },
  { method: 'GET', path: '/reports/hours.csv', least: 'admin', allowed: 200 },
  { method: 'GET', path: '/accounts/me', least: 'viewer', allowed: 200 },

  { method: 'GET', path: '/tasks', least: 'viewer', allowed: 200 },
  { method: 'POST', path: '/tasks', least: 'operator', body: { fields: TITLE }, allowed: 200 },
  { method: 'POST', path: '/tasks/query', least: 'viewer', body: {}, allowed: 200 },
  // Without `q`: a 422 shows the caller got past authorization.
  { method: 'GET', path: '/tasks/search', least: 'viewer', allowed: 422 },
  { method: 'GET', path: '/tasks/export', least: 'viewer', allowed: 200 },
  { method: 'GET', path: '/tasks/{uid}', least: 'viewer', allowed: 200 },
  // A PUT names a task of the caller's own organization: it creates one there.
  {
    method: 'PUT',
    path: '/tasks/{uid}',
    least: 'operator',
    body: { fields: TITLE },
    allowed: 200,
    otherOrg: 200,
  },
  {
    method: 'PATCH',
    path: '/tasks/{uid}',
    least: 'operator',
    body: { status: 'TODO' },
    allowed: 200,
  },
  { method: 'DELETE', path: '/tasks/{uid}', least: 'operator', allowed: 200 },
  {
    method: 'POST',
    path: '/tasks/batch',
    least: 'operator',
    body: { items: [{ fields: TITLE }] },
    allowed: 200,
  },
  // A batch answers 200 and gives each item its own status (see tenancy in auth.test.ts).
  {
    method: 'PUT',
    path: '/tasks/batch',
    least: 'operator',
    body: { items: [{ uid: '{uid}', fields: TITLE }] },
    allowed: 200,
    otherOrg: 200,
  },
  {
    method: 'PATCH',
    path: '/tasks/batch',
    least: 'operator',
    body: { items: [{ uid: '{uid}', status: 'TODO' }] },
    allowed: 200,
    otherOrg: 200,
  },
  { method: 'GET', path: '/tasks/{uid}/comments', least: 'viewer', allowed: 200 },
  {
    method: 'POST',
    path: '/tasks/{uid}/comments',
    least: 'operator',
    body: { text: 'role matrix' },
    allowed: 200,
  },
  { method: 'GET', path: '/tasks/{uid}/events', least: 'viewer', allowed: 200 },
  { method: 'POST', path: '/tasks/{uid}/route', least: 'admin', body: { automatic: true } },
  {
    method: 'POST',
    path: '/tasks/{uid}/assign',
    least: 'admin',
    body: { assignee_uid: '{user}' },
  },
  { method: 'POST', path: '/tasks/{uid}/unassign', least: 'admin' },
  // Admins, like assigning and routing by hand. The action leaves the task as it was for the
  // next rows but for one field of its own.
  {
    method: 'POST',
    path: '/tasks/bulk',
    least: 'admin',
    body: {
      selection: { uids: ['{uid}'] },
      action: { type: 'set_field', key: 'matrix', value: '{unique}' },
    },
    allowed: 200,
  },
  // A task's uid names no bulk action.
  { method: 'POST', path: '/tasks/bulk/{uid}/undo', least: 'admin', allowed: 404 },

  { method: 'GET', path: '/queues', least: 'viewer', allowed: 200 },
  { method: 'POST', path: '/queues', least: 'admin', body: { name: 'q {unique}' }, allowed: 200 },
  { method: 'GET', path: '/queues/stats', least: 'viewer', allowed: 200 },
  { method: 'GET', path: '/queues/{uid}', least: 'viewer', allowed: 404 },
  { method: 'PATCH', path: '/queues/{uid}', least: 'admin', body: { name: 'q' }, allowed: 404 },
  { method: 'DELETE', path: '/queues/{uid}', least: 'admin', allowed: 404 },
  { method: 'GET', path: '/queues/{uid}/stats', least: 'viewer', allowed: 404 },
  { method: 'GET', path: '/views', least: 'viewer', allowed: 200 },
  { method: 'POST', path: '/views', least: 'viewer', body: { name: 'v {unique}' }, allowed: 200 },
  { method: 'GET', path: '/views/{uid}', least: 'viewer', allowed: 404 },
  { method: 'PATCH', path: '/views/{uid}', least: 'viewer', body: { name: 'v' }, allowed: 404 },
  { method: 'DELETE', path: '/views/{uid}', least: 'viewer', allowed: 404 },

  { method: 'GET', path: '/fields', least: 'viewer', allowed: 200 },
  {
    method: 'POST',
    path: '/fields',
    least: 'admin',
    body: { key: 'f_{unique}', label: 'matrix', type: 'text' },
    allowed: 200,
  },
  { method: 'GET', path: '/fields/{uid}', least: 'viewer', allowed: 404 },
  { method: 'PATCH', path: '/fields/{uid}', least: 'admin', body: { label: 'x' }, allowed: 404 },
  { method: 'DELETE', path: '/fields/{uid}', least: 'admin', allowed: 404 },

  { method: 'GET', path: '/calendars', least: 'viewer', allowed: 200 },
  {
    method: 'POST',
    path: '/calendars',
    least: 'admin',
    body: {
      name: 'cal {unique}',
      calendar: {
        time_zone: 'UTC',
        weekly_hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
        holidays: [],
      },
    },
    allowed: 200,
  },
  { method: 'GET', path: '/calendars/{uid}', least: 'viewer', allowed: 404 },
  { method: 'PATCH', path: '/calendars/{uid}', least: 'admin', body: { name: 'x' }, allowed: 404 },
  { method: 'DELETE', path: '/calendars/{uid}', least: 'admin', allowed: 404 },

  { method: 'GET', path: '/forms', least: 'viewer', allowed: 200 },
  {
    method: 'POST',
    path: '/forms',
    least: 'admin',
    body: { name: 'form {unique}', sections: [{ title: '', help_text: '', items: [] }] },
    allowed: 200,
  },
  { method: 'GET', path: '/forms/{uid}', least: 'viewer', allowed: 404 },
  { method: 'PATCH', path: '/forms/{uid}', least: 'admin', body: { name: 'x' }, allowed: 404 },
  { method: 'DELETE', path: '/forms/{uid}', least: 'admin', allowed: 404 },

  { method: 'GET', path: '/player', least: 'operator', allowed: 200 },
  { method: 'POST', path: '/player/start', least: 'operator', body: {} },
  { method: 'POST', path: '/player/next', least: 'operator' },
  { method: 'POST', path: '/player/pause', least: 'operator', body: { task_uid: '{uid}' } },
  {
    method: 'POST',
    path: '/player/skip',
    least: 'operator',
    body: { task_uid: '{uid}', reason: 'role matrix' },
  },
  { method: 'POST', path: '/player/complete', least: 'operator', body: { task_uid: '{uid}' } },
  { method: 'POST', path: '/player/stop', least: 'operator' },

  { method: 'GET', path: '/users', least: 'viewer', allowed: 200 },
  {
    method: 'POST',
    path: '/users',
    least: 'admin',
    body: { email: '{unique}@matrix.test', name: 'matrix', role: 'viewer' },
    allowed: 200,
  },
  { method: 'PATCH', path: '/users/{uid}', least: 'admin', body: { name: 'x' }, allowed: 404 },
  { method: 'POST', path: '/users/{uid}/sign-out', least: 'admin', allowed: 404 },

  // The matrix's organizations have no single sign-on: reads are 404, and a first PUT
  // without a client secret is a 422 (no provider is ever reached).
  { method: 'GET', path: '/sso', least: 'admin', allowed: 404 },
  {
    method: 'PUT',
    path: '/sso',
    least: 'admin',
    body: {
      issuer: 'https://idp.example.com',
      client_id: 'matrix',
      allowed_domains: ['matrix.test'],
      role_claim: 'groups',
      role_values: { admin: [], operator: [], viewer: ['staff'] },
      sso_required: false,
    },
    allowed: 422,
  },
  { method: 'DELETE', path: '/sso', least: 'admin', allowed: 404 },
  { method: 'POST', path: '/sso/test', least: 'admin', body: {}, allowed: 404 },

  { method: 'GET', path: '/audit', least: 'admin', allowed: 200 },
  { method: 'GET', path: '/audit/export', least: 'admin', allowed: 200 },

  { method: 'GET', path: '/settings', least: 'viewer', allowed: 200 },
  { method: 'PATCH', path: '/settings', least: 'admin', body: {}, allowed: 200 },
  { method: 'GET', path: '/settings/calendar', least: 'viewer', allowed: 200 },
  { method: 'PUT', path: '/settings/calendar', least: 'admin', body: CALENDAR, allowed: 200 },

  { method: 'GET', path: '/automations', least: 'admin', allowed: 200 },
  {
    method: 'POST',
    path: '/automations',
    least: 'admin',
    body: {
      name: 'role matrix {unique}',
      enabled: false,
      trigger: { kind: 'event', on: ['created'] },
      actions: [{ type: 'set_field', field: 'matrix', value: true }],
    },
    allowed: 200,
  },
  {
    method: 'POST',
    path: '/automations/test-run',
    least: 'admin',
    body: { condition: null },
    allowed: 200,
  },
  { method: 'GET', path: '/automations/{uid}', least: 'admin', allowed: 404 },
  { method: 'PATCH', path: '/automations/{uid}', least: 'admin', body: {}, allowed: 404 },
  { method: 'DELETE', path: '/automations/{uid}', least: 'admin', allowed: 404 },
  { method: 'POST', path: '/automations/{uid}/test-run', least: 'admin', allowed: 404 },
  { method: 'GET', path: '/webhooks', least: 'admin', allowed: 200 },
  {
    method: 'POST',
    path: '/webhooks',
    least: 'admin',
    // Inactive: the matrix must not send anything anywhere.
    body: { url: 'https://example.com/matrix', active: false },
    allowed: 200,
  },
  { method: 'GET', path: '/webhooks/{uid}', least: 'admin', allowed: 404 },
  { method: 'PATCH', path: '/webhooks/{uid}', least: 'admin', body: {}, allowed: 404 },
  { method: 'DELETE', path: '/webhooks/{uid}', least: 'admin', allowed: 404 },
  { method: 'POST', path: '/webhooks/{uid}/rotate-secret', least: 'admin', allowed: 404 },
  { method: 'GET', path: '/webhooks/{uid}/deliveries', least: 'admin', allowed: 404 },
  { method: 'POST', path: '/webhooks/{uid}/resume', least: 'admin', allowed: 404 },
  { method: 'POST', path: '/webhooks/{uid}/test', least: 'admin', allowed: 404 },

  { method: 'GET', path: '/notification-channels', least: 'admin', allowed: 200 },
  {
    method: 'POST',
    path: '/notification-channels',
    least: 'admin',
    body: { kind: 'in_app', name: 'matrix {unique}' },
    allowed: 200,
  },
  { method: 'GET', path: '/notification-channels/{uid}', least: 'admin', allowed: 404 },
  { method: 'PATCH', path: '/notification-channels/{uid}', least: 'admin', body: {}, allowed: 404 },
  { method: 'DELETE', path: '/notification-channels/{uid}', least: 'admin', allowed: 404 },
  { method: 'POST', path: '/notification-channels/{uid}/test', least: 'admin', allowed: 404 },
  { method: 'POST', path: '/notification-channels/{uid}/resume', least: 'admin', allowed: 404 },
  { method: 'GET', path: '/notifications', least: 'viewer', allowed: 200 },
  {
    method: 'POST',
    path: '/notifications',
    least: 'admin',
    body: { user_uids: ['{user}'], subject: 'matrix', body: '' },
    allowed: 200,
  },
  {
    method: 'POST',
    path: '/notifications/read',
    least: 'viewer',
    body: { all: true },
    allowed: 200,
  },

  { method: 'GET', path: '/tokens', least: 'admin', allowed: 200 },
  {
    method: 'POST',
    path: '/tokens',
    least: 'admin',
    body: { name: 'matrix', role: 'viewer' },
    allowed: 200,
  },
  { method: 'DELETE', path: '/tokens/{uid}', least: 'admin', allowed: 404 },
]

/**
 * Replaces every `{uid}` in a path or body with `uid`, every `{user}` with `userUid` (a uid
 * that names no user when not given), and every `{unique}` afresh.
 */
export function fill<T>(value: T, uid: string, userUid: string = randomUUID()): T {
  if (value === undefined) {
    return value
  }
  const text = JSON.stringify(value)
    .replaceAll('{uid}', uid)
    .replaceAll('{user}', userUid)
    .replaceAll('{unique}', () => randomBytes(6).toString('hex'))
  return JSON.parse(text) as T
}
