/** How one server process runs automations (TESSERA_AUTOMATION_* settings). */
export interface AutomationSettings {
  /** How often time rules are looked at, in ms: a moment fires within a tick of it. */
  tickMs: number
  /**
   * A test setting: the engine's clock runs this far ahead of the database's, in ms, so that
   * a test sees a moment minutes away come within seconds. 0 in production.
   */
  clockShiftMs: number
}

/** Default: a time rule fires within 15 s of its moment, well within the minute promised. */
export const DEFAULT_AUTOMATION_SETTINGS: AutomationSettings = { tickMs: 15_000, clockShiftMs: 0 }
