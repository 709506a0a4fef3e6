import { type AutomationTestRun, TEST_RUN_LIMIT } from '../contract/automations'
import type { Condition } from '../contract/conditions'
import { compileCondition } from '../core/conditions'
import {
  type AutomationRecord,
  findAutomation,
  openTasksMatching,
  listAutomations as readAutomations,
} from '../store/automations'
import type { OrgScope } from './actor'
import { automationNotFound, refuseWrongRule } from './check-automation'
import { foundOr } from './found'

/** The organization's rules, oldest first. */
export function listAutomations(scope: OrgScope): Promise<AutomationRecord[]> {
  return readAutomations(scope.db.pool, scope.orgUid)
}

/** One rule of the organization; 404 for any other uid. */
export async function getAutomation(scope: OrgScope, uid: string): Promise<AutomationRecord> {
  return foundOr(await findAutomation(scope.db.pool, scope.orgUid, uid), automationNotFound)
}

/**
 * Which open tasks a rule's condition selects now (no condition: every open task): the
 * first {@link TEST_RUN_LIMIT} and the total. Reads only: nothing is changed or recorded.
 */
export async function testRunAutomation(scope: OrgScope, uid: string): Promise<AutomationTestRun> {
  const rule = await getAutomation(scope, uid)
  return testRunCondition(scope, rule.condition)
}

/** The test-run of a rule not saved yet: its condition, checked like a saved one's. */
export async function testRunCondition(
  scope: OrgScope,
  condition: Condition | null | undefined,
): Promise<AutomationTestRun> {
  await refuseWrongRule(scope.db.pool, scope.orgUid, { condition })
  const compiled = condition ? compileCondition(condition, 1) : { sql: 'TRUE', params: [] }
  return openTasksMatching(scope.db.pool, scope.orgUid, compiled, TEST_RUN_LIMIT)
}
