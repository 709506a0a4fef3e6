import type { Automation } from '../contract/automations'
import type { AutomationRecord } from '../store/automations'
import { isoOrNull } from './iso'

/** A stored rule as the API shows it: when / if / then, with its counters. */
export function presentAutomation(rule: AutomationRecord): Automation {
  return {
    uid: rule.uid,
    name: rule.name,
    enabled: rule.enabled,
    trigger: rule.trigger,
    condition: rule.condition,
    actions: rule.actions,
    created_at: rule.created_at.toISOString(),
    updated_at: rule.updated_at.toISOString(),
    runs: Number(rule.runs),
    last_run_at: isoOrNull(rule.last_run_at),
    skipped_loops: Number(rule.skipped_loops),
    skipped_rate: Number(rule.skipped_rate),
  }
}
