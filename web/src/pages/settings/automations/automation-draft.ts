import { type Condition, MATCH_ALL } from '../../../components/condition-builder/condition'
import { jsonEqual } from '../../../components/condition-builder/json-equal'
import { type ActionDraft, actionFromDraft, draftFromAction, newActionDraft } from './action-draft'
import type {
  Automation,
  AutomationAction,
  AutomationAnchor,
  AutomationBody,
  AutomationEvent,
} from './automation-types'

export type OffsetUnit = 'minutes' | 'hours' | 'days'
const UNIT_MINUTES: Record<OffsetUnit, number> = { minutes: 1, hours: 60, days: 1440 }
/** The API's bound on a time rule's offset: 30 days either way. */
export const MAX_OFFSET_MINUTES = 43_200

/** A rule as the form edits it: the offset as typed, the actions as drafts. */
export interface AutomationDraft {
  name: string
  enabled: boolean
  triggerKind: 'event' | 'time'
  events: AutomationEvent[]
  anchor: AutomationAnchor
  offsetAmount: string
  offsetUnit: OffsetUnit
  offsetDirection: 'before' | 'after'
  /** The empty "and" group stands for no condition (every task): the API's null. */
  condition: Condition
  actions: ActionDraft[]
}

function offsetDraft(minutes: number) {
  const size = Math.abs(minutes)
  const unit: OffsetUnit =
    size !== 0 && size % 1440 === 0 ? 'days' : size !== 0 && size % 60 === 0 ? 'hours' : 'minutes'
  return {
    offsetAmount: String(size / UNIT_MINUTES[unit]),
    offsetUnit: unit,
    offsetDirection: minutes < 0 ? ('before' as const) : ('after' as const),
  }
}

export function draftFromAutomation(rule?: Automation): AutomationDraft {
  const trigger = rule?.trigger
  return {
    name: rule?.name ?? '',
    enabled: rule?.enabled ?? true,
    triggerKind: trigger?.kind ?? 'event',
    events: trigger?.kind === 'event' ? trigger.on : ['created'],
    anchor: trigger?.kind === 'time' ? trigger.anchor : 'sla_due_at',
    ...(trigger?.kind === 'time'
      ? offsetDraft(trigger.offset_minutes)
      : { offsetAmount: '1', offsetUnit: 'hours' as const, offsetDirection: 'before' as const }),
    condition: rule?.condition ?? MATCH_ALL,
    actions: rule ? rule.actions.map(draftFromAction) : [newActionDraft()],
  }
}

/** The condition the API gets: null for "every task". */
export function conditionOfDraft(condition: Condition): Condition | null {
  return jsonEqual(condition, MATCH_ALL) ? null : condition
}

/** Problems the form sees before asking the API, keyed by the body path they concern. */
export type DraftProblems = Record<string, string>

/** The body of `POST /automations` (or the whole `PATCH`), or what keeps the draft from one. */
export function bodyFromDraft(
  draft: AutomationDraft,
): { ok: true; body: AutomationBody } | { ok: false; problems: DraftProblems } {
  const problems: DraftProblems = {}
  if (draft.name.trim() === '') {
    problems['/body/name'] = 'Enter a name'
  }
  let offset = 0
  if (draft.triggerKind === 'event' && draft.events.length === 0) {
    problems['/body/trigger'] = 'Pick at least one change'
  }
  if (draft.triggerKind === 'time') {
    const amount = draft.offsetAmount.trim()
    offset =
      Number(amount) *
      UNIT_MINUTES[draft.offsetUnit] *
      (draft.offsetDirection === 'before' ? -1 : 1)
    if (!/^\d+$/.test(amount) || Math.abs(offset) > MAX_OFFSET_MINUTES) {
      problems['/body/trigger'] = 'Enter a whole number, up to 30 days'
    }
  }
  if (draft.actions.length === 0) {
    problems['/body/actions'] = 'Add an action'
  }
  const actions: AutomationAction[] = []
  draft.actions.forEach((action, index) => {
    const result = actionFromDraft(action)
    if (result.ok) {
      actions.push(result.action)
    } else {
      problems[`/body/actions/${index}`] = result.message
    }
  })
  if (Object.keys(problems).length > 0) {
    return { ok: false, problems }
  }
  return {
    ok: true,
    body: {
      name: draft.name.trim(),
      enabled: draft.enabled,
      trigger:
        draft.triggerKind === 'event'
          ? { kind: 'event', on: draft.events }
          : { kind: 'time', anchor: draft.anchor, offset_minutes: offset },
      condition: conditionOfDraft(draft.condition),
      actions,
    },
  }
}
