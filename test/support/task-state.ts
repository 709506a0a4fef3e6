/**
 * A task as stored, without the metrics computed from the clock at read time (`wait_time`,
 * `work_time_business`…): two reads of an unchanged task compare equal through this.
 */
export function storedState(task: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(task).filter(([key]) => !/_time(_business)?$/.test(key)))
}
