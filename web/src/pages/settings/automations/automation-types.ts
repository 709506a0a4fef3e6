import type { Schema } from '../../../api'

type ApiAutomation = Schema<'Automation'>

/*
 * The server's contract (src/contract/automations.ts) has two actions that the generated SDK
 * of this checkout may not type yet. They are written out here as the contract has them, so
 * the page offers every action the API takes; once the SDK is regenerated they are the same
 * types as its own and this union changes nothing.
 */
type NotificationAction = {
  type: 'send_notification'
  channel_uids?: string[]
  user_uids?: string[]
  assignee?: boolean
  subject?: string
  text: string
}
type WebhookAction = { type: 'call_webhook'; webhook_uid: string }

/** One action of a rule. */
export type AutomationAction = ApiAutomation['actions'][number] | NotificationAction | WebhookAction
export type ActionType = AutomationAction['type']

/** A rule (`GET /automations`): when, if, then, with how often it ran. */
export type Automation = Omit<ApiAutomation, 'actions'> & { actions: AutomationAction[] }
/** Body of `POST /automations`; `PATCH /automations/{uid}` takes the same keys, each optional. */
export type AutomationBody = Omit<Schema<'CreateAutomationBody'>, 'actions'> & {
  actions: AutomationAction[]
}
export type AutomationTrigger = ApiAutomation['trigger']
export type EventTrigger = Extract<AutomationTrigger, { kind: 'event' }>
export type TimeTrigger = Extract<AutomationTrigger, { kind: 'time' }>
export type AutomationEvent = EventTrigger['on'][number]
export type AutomationAnchor = TimeTrigger['anchor']
/** The open tasks a rule would touch now: the first ones and how many in all. */
export type AutomationTestRun = Schema<'AutomationTestRun'>
