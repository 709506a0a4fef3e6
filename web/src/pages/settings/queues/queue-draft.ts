import type { Queue, QueueBody } from '../../../api'
import { type Condition, MATCH_ALL } from '../../../components/condition-builder/condition'
import { formatSkills, parseSkills } from '../shared/skills'

/** One sort key of a queue's priority. */
export type Sort = NonNullable<Queue['priority']>[number]

type SlaPolicy = NonNullable<Queue['sla_policy']>

/** Targets for one value of the policy's field, as typed. */
export interface SlaValueDraft {
  value: string
  firstResponse: string
  resolution: string
}

/** A queue as the form edits it: numbers and lists as typed. */
export interface QueueDraft {
  name: string
  description: string
  skills: string
  slaEnabled: boolean
  /** `calendar`: wall-clock minutes; `business`: the hours of `slaCalendarUid`. */
  slaClock: 'calendar' | 'business'
  /** A named calendar's uid; '' for the organization's business hours. */
  slaCalendarUid: string
  slaFirstResponse: string
  /** Resolution time, in minutes. */
  slaMinutes: string
  /** The field whose values have targets of their own; '' for none. */
  slaField: string
  slaValues: SlaValueDraft[]
  slaPauseSnoozed: boolean
  /** Kept from the queue so that saving does not drop them (the form does not edit them). */
  slaDescription?: string
  slaPauseCondition?: NonNullable<SlaPolicy['pause']>['condition']
  /** Null keeps the default order: SLA deadline, then due_at, then created_at. */
  priority: Sort[] | null
  condition: Condition
  /** The form the player asks for before Complete; '' for none. */
  formUid: string
}

const minutesText = (minutes: number | undefined) => (minutes === undefined ? '' : String(minutes))

export function draftFromQueue(queue?: Queue): QueueDraft {
  const sla = queue?.sla_policy ?? null
  return {
    name: queue?.name ?? '',
    description: queue?.description ?? '',
    skills: formatSkills(queue?.skills ?? []),
    slaEnabled: sla !== null,
    slaClock: sla?.clock ?? 'calendar',
    slaCalendarUid: sla?.calendar_uid ?? '',
    slaFirstResponse: minutesText(sla?.first_response_minutes),
    slaMinutes: minutesText(sla?.resolution_minutes),
    slaField: sla?.by_field?.field ?? '',
    slaValues: Object.entries(sla?.by_field?.targets ?? {}).map(([value, targets]) => ({
      value,
      firstResponse: minutesText(targets.first_response_minutes),
      resolution: minutesText(targets.resolution_minutes),
    })),
    slaPauseSnoozed: sla?.pause?.while_snoozed ?? false,
    ...(sla?.description === undefined ? {} : { slaDescription: sla.description }),
    ...(sla?.pause?.condition ? { slaPauseCondition: sla.pause.condition } : {}),
    priority: queue?.priority ?? null,
    condition: (queue?.condition as Condition | undefined) ?? MATCH_ALL,
    formUid: queue?.form_uid ?? '',
  }
}

/** Problems the form can see before asking the API, keyed by the body path they concern. */
export type DraftProblems = Partial<
  Record<'/body/name' | '/body/sla_policy' | '/body/priority', string>
>

const MAX_SLA_MINUTES = 525_600

/** The body of `POST /queues` or `PATCH /queues/{uid}`, or what keeps the draft from one. */
export function bodyFromDraft(
  draft: QueueDraft,
): { ok: true; body: QueueBody } | { ok: false; problems: DraftProblems } {
  const problems: DraftProblems = {}
  if (draft.name.trim() === '') {
    problems['/body/name'] = 'Enter a name'
  }
  const sla = draft.slaEnabled ? slaPolicyFromDraft(draft) : null
  if (typeof sla === 'string') {
    problems['/body/sla_policy'] = sla
  }
  if (draft.priority?.some((sort) => sort.field.trim() === '')) {
    problems['/body/priority'] = 'Enter a field for every sort, or remove it'
  }
  if (Object.keys(problems).length > 0) {
    return { ok: false, problems }
  }
  return {
    ok: true,
    body: {
      name: draft.name.trim(),
      description: draft.description,
      skills: parseSkills(draft.skills),
      sla_policy: typeof sla === 'string' ? null : sla,
      priority: draft.priority?.map((sort) => ({ ...sort, field: sort.field.trim() })) ?? null,
      condition: draft.condition,
      form_uid: draft.formUid || null,
    },
  }
}

/** Minutes as typed: undefined when blank, NaN when not whole minutes in range. */
function parseMinutes(text: string): number | undefined {
  const trimmed = text.trim()
  if (trimmed === '') {
    return undefined
  }
  const minutes = Number(trimmed)
  return /^\d+$/.test(trimmed) && minutes >= 1 && minutes <= MAX_SLA_MINUTES ? minutes : Number.NaN
}

type Targets = { first_response_minutes?: number; resolution_minutes?: number }

/** Targets as typed, or null when a time is not whole minutes in range. */
function targetsOf(firstResponse: string, resolution: string): Targets | null {
  const first = parseMinutes(firstResponse)
  const resolve = parseMinutes(resolution)
  if (Number.isNaN(first) || Number.isNaN(resolve)) {
    return null
  }
  return {
    ...(first === undefined ? {} : { first_response_minutes: first }),
    ...(resolve === undefined ? {} : { resolution_minutes: resolve }),
  }
}

const hasTarget = (targets: Targets) =>
  targets.first_response_minutes !== undefined || targets.resolution_minutes !== undefined

/** The policy the draft describes, or what is wrong with it. */
function slaPolicyFromDraft(draft: QueueDraft): SlaPolicy | string {
  const wrongMinutes = `Enter whole minutes, from 1 to ${MAX_SLA_MINUTES}`
  const own = targetsOf(draft.slaFirstResponse, draft.slaMinutes)
  if (own === null) {
    return wrongMinutes
  }
  if (!hasTarget(own)) {
    return 'Enter a first response time, a resolution time or both'
  }
  const field = draft.slaField.trim()
  const values: [string, Targets][] = []
  for (const row of field ? draft.slaValues : []) {
    const targets = targetsOf(row.firstResponse, row.resolution)
    if (targets === null) {
      return wrongMinutes
    }
    if (row.value.trim() === '' || !hasTarget(targets)) {
      return 'Give every value of the field a value and a time, or remove it'
    }
    values.push([row.value.trim(), targets])
  }
  const pause = {
    ...(draft.slaPauseSnoozed ? { while_snoozed: true } : {}),
    ...(draft.slaPauseCondition ? { condition: draft.slaPauseCondition } : {}),
  }
  return {
    ...(draft.slaClock === 'business' ? { clock: 'business' as const } : {}),
    ...(draft.slaClock === 'business' && draft.slaCalendarUid
      ? { calendar_uid: draft.slaCalendarUid }
      : {}),
    ...own,
    ...(field && values.length > 0
      ? { by_field: { field, targets: Object.fromEntries(values) } }
      : {}),
    ...(Object.keys(pause).length > 0 ? { pause } : {}),
    ...(draft.slaDescription === undefined ? {} : { description: draft.slaDescription }),
  }
}
