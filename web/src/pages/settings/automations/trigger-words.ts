import type { Condition } from '../../../components/condition-builder/condition'
import type { AutomationAnchor, AutomationEvent, AutomationTrigger } from './automation-types'

// Records, not lists: the compiler names an event or anchor the API adds.
export const EVENT_LABELS: Record<AutomationEvent, string> = {
  created: 'created',
  updated: 'updated',
  assigned: 'assigned',
  completed: 'completed',
  commented: 'commented on',
}

export const ANCHOR_LABELS: Record<AutomationAnchor, string> = {
  sla_due_at: 'the SLA deadline',
  first_response_due_at: 'the first-response deadline',
  resolution_due_at: 'the resolution deadline',
  due_at: 'the due date',
  snooze_expires_at: 'the end of a snooze',
  started_at: 'the start of work',
  created_at: 'its creation',
}

export const EVENTS = Object.keys(EVENT_LABELS) as AutomationEvent[]
export const ANCHORS = Object.keys(ANCHOR_LABELS) as AutomationAnchor[]

/** "2 hours", "1 day", "90 minutes": the largest whole unit. */
export function formatMinutes(minutes: number): string {
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`
  if (minutes !== 0 && minutes % 1440 === 0) {
    return plural(minutes / 1440, 'day')
  }
  if (minutes !== 0 && minutes % 60 === 0) {
    return plural(minutes / 60, 'hour')
  }
  return plural(minutes, 'minute')
}

function joinWords(words: readonly string[]): string {
  return words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`
}

/** The trigger said as a person would: "When a task is created or assigned". */
export function triggerInWords(trigger: AutomationTrigger): string {
  if (trigger.kind === 'event') {
    return `When a task is ${joinWords(trigger.on.map((event) => EVENT_LABELS[event]))}`
  }
  const anchor = ANCHOR_LABELS[trigger.anchor]
  if (trigger.offset_minutes === 0) {
    return `At ${anchor}`
  }
  const distance = formatMinutes(Math.abs(trigger.offset_minutes))
  return `${distance} ${trigger.offset_minutes < 0 ? 'before' : 'after'} ${anchor}`
}

/** Leaves a condition may have to be said in full: more reads worse than "its condition". */
const SAID_LEAVES = 3

/**
 * The condition said in a clause: "if priority == "urgent"" for a test or a few joined by
 * "and"; "if its condition holds" for anything longer or nested; nothing for no condition.
 */
export function conditionInWords(condition: Condition | null): string {
  if (condition === null) {
    return ''
  }
  const leaves = 'combinator' in condition ? condition.conditions : [condition]
  const plain =
    (!('combinator' in condition) || (condition.combinator === 'and' && !condition.negated)) &&
    leaves.length <= SAID_LEAVES &&
    leaves.every((leaf) => 'field' in leaf && !leaf.negated && !leaf.disabled)
  if (!plain || ('combinator' in condition && condition.disabled)) {
    return ', if its condition holds'
  }
  const said = leaves.map((leaf) =>
    'field' in leaf
      ? leaf.operator === 'exists'
        ? `${leaf.field} ${leaf.value === false ? 'is not set' : 'is set'}`
        : `${leaf.field} ${leaf.operator} ${JSON.stringify(leaf.value)}`
      : '',
  )
  return said.length === 0 ? '' : `, if ${said.join(' and ')}`
}
