import type { Account, Schema } from '../../../sdk/src/index'

/*
 * The app's names for the API's objects. Every one is a schema of the generated SDK (from the
 * server's OpenAPI document), so a change of the API shows up here as a type error, never as
 * a copy that silently drifts.
 */

export type {
  Account,
  ApiToken,
  Comment,
  CreatedToken,
  CreateTaskBody,
  CreateTokenBody,
  FieldError,
  ListTasksQuery,
  Schema,
  Task,
  TaskPage,
  TaskStatus,
  UpdateTaskBody,
} from '../../../sdk/src/index'

/** `super_admin`, `admin`, `operator` or `viewer`. */
export type Role = Account['role']

/** One entry of the audit log (`GET /audit`): who changed what, when, from where. */
export type AuditEvent = Schema<'AuditEvent'>
/** A page of the audit log, newest first, with the cursor of the next one. */
export type AuditPage = Schema<'AuditPage'>

/** A queue: its routing condition, SLA policy, priority and skills (`GET /queues`). */
export type Queue = Schema<'Queue'>
/** Body of `POST /queues`; `PATCH /queues/{uid}` takes the same keys. */
export type QueueBody = Schema<'CreateQueueBody'>
/** Backlog figures of one queue (`GET /queues/stats`); `queue_uid` null: tasks in no queue. */
export type QueueStats = Schema<'QueueStats'>

/** A person of the organization (`GET /users`). */
export type User = Schema<'User'>
/** Body of `POST /users`; the password lets them sign in to this app. */
export type CreateUserBody = Schema<'CreateUserBody'>
/** Body of `PATCH /users/{uid}`: name, role, skills or activity. */
export type UpdateUserBody = Schema<'UpdateUserBody'>

/** A custom field's definition (`GET /fields`): its key in `fields`, label, type, options… */
export type FieldDefinition = Schema<'FieldDefinition'>
/** `text`, `money`, `single_select`… */
export type FieldType = FieldDefinition['type']
/** One choice of a select field: the value stored, the label shown. */
export type FieldOption = NonNullable<FieldDefinition['options']>[number]
/** Body of `POST /fields`. */
export type CreateFieldBody = Schema<'CreateFieldBody'>
/** Body of `PATCH /fields/{uid}` (the key is fixed once created). */
export type UpdateFieldBody = Schema<'UpdateFieldBody'>
/** A form (`GET /forms`): sections of fields, to create tasks or complete a queue's. */
export type Form = Schema<'Form'>
/** One section of a {@link Form}: a title, help text and its fields. */
export type FormSection = Form['sections'][number]
/** One field of a {@link FormSection}, by its definition's key. */
export type FormItem = FormSection['items'][number]
/** Body of `POST /forms`. */
export type CreateFormBody = Schema<'CreateFormBody'>
/** Body of `PATCH /forms/{uid}`. */
export type UpdateFormBody = Schema<'UpdateFormBody'>

/** One entry of a task's history (`GET /tasks/{uid}/events`). */
export type TaskEvent = Schema<'TaskEvent'>
/** The operator's player session and current task (`GET /player`). */
export type PlayerState = Schema<'PlayerState'>
/** The organization's player rules (`GET /settings`): skip mode, snooze length… */
export type OrgSettings = Schema<'OrgSettings'>
/** Business hours, holidays and time zone (`GET /settings/calendar`). */
export type Calendar = Schema<'Calendar'>

/** The answer of `POST /auth/login` and `GET /auth/session`: who is signed in, and the CSRF token. */
export type WebSession = Schema<'WebSession'>
/** What the sign-in form sends; `organization` is needed only when the email is in several. */
export type SignInBody = Schema<'SignInBody'>

/** `GET /stats/daily`: figures per day and the median resolution time per queue. */
export type DailyStats = Schema<'DailyStats'>
/** One day of {@link DailyStats}. */
export type DayFigures = DailyStats['days'][number]
/** One queue of {@link DailyStats}. */
export type QueueResolution = DailyStats['queues'][number]

/** `GET /reports/operators`: figures per operator over a period. */
export type OperatorReport = Schema<'OperatorReport'>
/** One operator of {@link OperatorReport}; `operator_uid` null: tasks completed unassigned. */
export type OperatorReportRow = Schema<'OperatorReportRow'>
/** `GET /reports/queues`: figures per queue over a period. */
export type QueueReport = Schema<'QueueReport'>
/** One queue of {@link QueueReport}; `queue_uid` null: tasks in no queue. */
export type QueueReportRow = Schema<'QueueReportRow'>
/** `GET /reports/hours`: completions per weekday and hour, the heat map. */
export type HourReport = Schema<'HourReport'>

/** A webhook as listed; its secret is only in {@link WebhookWithSecret}. */
export type Webhook = Schema<'Webhook'>
/** A webhook as made or re-keyed: with its signing secret, shown this once. */
export type WebhookWithSecret = Schema<'WebhookWithSecret'>
/** Body of `POST /webhooks`. */
export type CreateWebhookBody = Schema<'CreateWebhookBody'>
/** `task.created`, `task.completed`… */
export type WebhookEventType = Webhook['events'][number]
/** One event sent (or being sent) to a webhook, with its attempts. */
export type WebhookDelivery = Schema<'WebhookDelivery'>
/** `pending`, `delivered` or `failed`. */
export type DeliveryStatus = WebhookDelivery['status']

/** One item of the signed-in user's bell (`GET /notifications`). */
export type NotificationItem = Schema<'NotificationItem'>
/** A page of the bell, newest first, with the unread count and the next page's cursor. */
export type NotificationList = Schema<'NotificationList'>
