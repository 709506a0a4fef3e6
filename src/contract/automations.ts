import { type Static, Type } from '@sinclair/typebox'
import { Nullable, StringEnum, Timestamp, Uid } from './common'
import { Condition } from './conditions'
import { TaskStatus } from './tasks'

/** The changes an event rule may wait for (history entries, grouped as people say them). */
export const AUTOMATION_EVENTS = [
  'created',
  'updated',
  'assigned',
  'completed',
  'commented',
] as const
export type AutomationEvent = (typeof AUTOMATION_EVENTS)[number]

/** The task timestamps a time rule counts from. */
export const AUTOMATION_ANCHORS = [
  'sla_due_at',
  'first_response_due_at',
  'resolution_due_at',
  'due_at',
  'snooze_expires_at',
  'started_at',
  'created_at',
] as const
export type AutomationAnchor = (typeof AUTOMATION_ANCHORS)[number]

/** Most rules one organization may have: each one is looked at on every write or tick. */
export const MAX_AUTOMATIONS_PER_ORG = 100
/** Most actions of one rule. */
export const MAX_AUTOMATION_ACTIONS = 20
/** Most channels or users one send_notification action names. */
export const MAX_NOTIFY_TARGETS = 50
/** The webhook event type a call_webhook action sends (`type` of the delivery and payload). */
export const AUTOMATION_FIRED_EVENT = 'automation.fired'
/** Tasks a test-run names at most (the total counts them all). */
export const TEST_RUN_LIMIT = 50

const EventTrigger = Type.Object(
  {
    kind: Type.Literal('event'),
    on: Type.Array(StringEnum(AUTOMATION_EVENTS), {
      minItems: 1,
      uniqueItems: true,
      description:
        'created; updated (fields, due date, queue, snooze, archive, status other than completed); assigned; completed; commented.',
    }),
  },
  { description: 'Runs right after a change of a task (in its own transaction, durably queued).' },
)

const TimeTrigger = Type.Object(
  {
    kind: Type.Literal('time'),
    anchor: StringEnum(AUTOMATION_ANCHORS, {
      description:
        'The task timestamp counted from: an SLA deadline, the due date, the end of a snooze (a snoozed task wakes), or started_at (in progress for N minutes).',
    }),
    offset_minutes: Type.Integer({
      minimum: -43_200,
      maximum: 43_200,
      description: 'Minutes after the anchor (negative: before it). -60: an hour before.',
    }),
  },
  {
    description:
      'Fires once per task and moment (anchor + offset), within a minute of it, on one server process.',
  },
)

export const AutomationTrigger = Type.Union([EventTrigger, TimeTrigger])
export type AutomationTrigger = Static<typeof AutomationTrigger>

const FieldKey = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\s]' })

export const AutomationAction = Type.Union([
  Type.Object({
    type: Type.Literal('set_field'),
    field: FieldKey,
    value: Type.Unknown({ description: 'Any JSON value; null removes the field.' }),
  }),
  Type.Object({ type: Type.Literal('set_status'), status: TaskStatus }),
  Type.Object({
    type: Type.Literal('set_priority'),
    value: Type.Union([Type.String({ maxLength: 200 }), Type.Number()], {
      description: 'Written to the custom field `priority`.',
    }),
  }),
  Type.Object({ type: Type.Literal('route'), queue_uid: Uid }),
  Type.Object({ type: Type.Literal('assign'), assignee_uid: Uid }),
  Type.Object({ type: Type.Literal('unassign') }),
  Type.Object({
    type: Type.Literal('add_comment'),
    text: Type.String({ minLength: 1, maxLength: 10_000 }),
  }),
  Type.Object(
    {
      type: Type.Literal('send_notification'),
      channel_uids: Type.Optional(
        Type.Array(Uid, {
          maxItems: MAX_NOTIFY_TARGETS,
          uniqueItems: true,
          description:
            "Notification channels of the organization (GET /notification-channels): each gets the message as it would a queued one (Slack: its webhook; email: the channel's recipients; in-app: every user's bell).",
        }),
      ),
      user_uids: Type.Optional(
        Type.Array(Uid, {
          maxItems: MAX_NOTIFY_TARGETS,
          uniqueItems: true,
          description: 'Users of the organization whose bell gets the message (in-app).',
        }),
      ),
      assignee: Type.Optional(
        Type.Boolean({
          description:
            "true: the task's assignee's bell gets the message too (nothing when unassigned).",
        }),
      ),
      subject: Type.Optional(
        Type.String({
          minLength: 1,
          maxLength: 200,
          description: "The message's subject; default: the rule's name.",
        }),
      ),
      text: Type.String({ minLength: 1, maxLength: 10_000, description: "The message's body." }),
    },
    {
      description:
        'Queues a notification about the task through the notification outbox (delivered after the rule commits, retried, each channel on its own). Names at least one of channel_uids, user_uids, assignee: true.',
    },
  ),
  Type.Object(
    {
      type: Type.Literal('call_webhook'),
      webhook_uid: Uid,
    },
    {
      description: `Queues a delivery of a \`${AUTOMATION_FIRED_EVENT}\` event with the task to a registered webhook (GET /webhooks), whatever events it subscribes to, through the webhook outbox: signed, retried, ordered per task, isolated per endpoint, shown in its health. data.info holds automation_uid and automation_name. Nothing is queued while the webhook is inactive.`,
    },
  ),
])
export type AutomationAction = Static<typeof AutomationAction>

const Actions = Type.Array(AutomationAction, { minItems: 1, maxItems: MAX_AUTOMATION_ACTIONS })

const Writable = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  enabled: Type.Boolean(),
  trigger: AutomationTrigger,
  condition: Nullable(Condition),
  actions: Actions,
}

export const Automation = Type.Object(
  {
    uid: Uid,
    ...Writable,
    created_at: Timestamp,
    updated_at: Timestamp,
    runs: Type.Integer({ minimum: 0, description: 'Times its actions ran on a task.' }),
    last_run_at: Nullable(Timestamp),
    skipped_loops: Type.Integer({
      minimum: 0,
      description: 'Times it was held back because rules were triggering rules more than 3 deep.',
    }),
    skipped_rate: Type.Integer({
      minimum: 0,
      description: 'Times it was held back by its rate bound (runs per minute).',
    }),
  },
  {
    $id: 'Automation',
    description: 'A rule: when something happens, if a condition holds, then act.',
  },
)
export type Automation = Static<typeof Automation>

export const CreateAutomationBody = Type.Object(
  {
    name: Writable.name,
    enabled: Type.Optional(Writable.enabled),
    trigger: Writable.trigger,
    condition: Type.Optional(Writable.condition),
    actions: Writable.actions,
  },
  { $id: 'CreateAutomationBody' },
)
export type CreateAutomationBody = Static<typeof CreateAutomationBody>

export const UpdateAutomationBody = Type.Partial(Type.Object(Writable), {
  $id: 'UpdateAutomationBody',
})
export type UpdateAutomationBody = Static<typeof UpdateAutomationBody>

export const AutomationTestRun = Type.Object(
  {
    items: Type.Array(Type.Object({ uid: Uid, title: Nullable(Type.String()) }), {
      description: `The first ${TEST_RUN_LIMIT} open tasks the rule's condition selects now.`,
    }),
    total: Type.Integer({ minimum: 0 }),
  },
  {
    $id: 'AutomationTestRun',
    description:
      'Which open (not done, not archived) tasks the rule would touch now; nothing is changed.',
  },
)
export type AutomationTestRun = Static<typeof AutomationTestRun>
