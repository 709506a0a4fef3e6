import type { Queue, QueueBody } from '../../../api'
import { type Condition, MATCH_ALL } from '../../../components/condition-builder/condition'
import { formatSkills, parseSkills } from '../shared/skills'

/** One sort key of a queue's priority. */
export type Sort = NonNullable<Queue['priority']>[number]

/** A queue as the form edits it: numbers and lists as typed. */
export interface QueueDraft {
  name: string
  description: string
  skills: string
  slaEnabled: boolean
  slaMinutes: string
  /** Kept from the queue so that saving does not drop it (the form does not edit it). */
  slaDescription?: string
  /** Null keeps the default order: SLA breach time, then due_at, then created_at. */
  priority: Sort[] | null
  condition: Condition
  /** The form the player asks for before Complete; '' for none. */
  formUid: string
}

export function draftFromQueue(queue?: Queue): QueueDraft {
  const sla = queue?.sla_policy ?? null
  return {
    name: queue?.name ?? '',
    description: queue?.description ?? '',
    skills: formatSkills(queue?.skills ?? []),
    slaEnabled: sla !== null,
    slaMinutes: sla ? String(sla.resolution_minutes) : '',
    ...(sla?.description === undefined ? {} : { slaDescription: sla.description }),
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
  const minutes = Number(draft.slaMinutes)
  if (
    draft.slaEnabled &&
    (!/^\d+$/.test(draft.slaMinutes.trim()) || minutes < 1 || minutes > MAX_SLA_MINUTES)
  ) {
    problems['/body/sla_policy'] = `Enter whole minutes, from 1 to ${MAX_SLA_MINUTES}`
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
      sla_policy: draft.slaEnabled
        ? {
            resolution_minutes: minutes,
            ...(draft.slaDescription === undefined ? {} : { description: draft.slaDescription }),
          }
        : null,
      priority: draft.priority?.map((sort) => ({ ...sort, field: sort.field.trim() })) ?? null,
      condition: draft.condition,
      form_uid: draft.formUid || null,
    },
  }
}
