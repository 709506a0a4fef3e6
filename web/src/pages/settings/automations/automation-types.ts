import type { Schema } from '../../../api'

type ApiAutomation = Schema<'Automation'>

/** One action of a rule. */
export type AutomationAction = ApiAutomation['actions'][number]
export type ActionType = AutomationAction['type']

/** A rule (`GET /automations`): when, if, then, with how often it ran. */
export type Automation = ApiAutomation
/** Body of `POST /automations`; `PATCH /automations/{uid}` takes the same keys, each optional. */
export type AutomationBody = Schema<'CreateAutomationBody'>
export type AutomationTrigger = ApiAutomation['trigger']
export type EventTrigger = Extract<AutomationTrigger, { kind: 'event' }>
export type TimeTrigger = Extract<AutomationTrigger, { kind: 'time' }>
export type AutomationEvent = EventTrigger['on'][number]
export type AutomationAnchor = TimeTrigger['anchor']
/** The open tasks a rule would touch now: the first ones and how many in all. */
export type AutomationTestRun = Schema<'AutomationTestRun'>
