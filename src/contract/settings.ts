import { type Static, Type } from '@sinclair/typebox'
import { StringEnum } from './common'

export const SKIP_MODES = ['return', 'snooze'] as const

export const OrgSettings = Type.Object(
  {
    skip_mode: StringEnum(SKIP_MODES, {
      description:
        '`return`: a skipped task goes back to the pool. `snooze`: it stays with the operator and comes back when `snooze_expires_at` passes.',
    }),
    snooze_minutes: Type.Integer({
      minimum: 1,
      maximum: 43_200,
      description: 'How long a skipped task sleeps in `snooze` mode, unless the skip names a time.',
    }),
    allow_parallel_tasks: Type.Boolean({
      description: 'Whether an operator may hold several started tasks at once.',
    }),
    strict_fields: Type.Boolean({
      description:
        'Refuse (422, naming the field) a task write whose custom field does not match its definition (GET /fields). Off by default: values are stored as sent and flagged in the app, as Fragment does.',
    }),
    audit_retention_days: Type.Integer({
      minimum: 1,
      maximum: 3650,
      description:
        'How many days audit log entries (GET /audit) are kept; older ones are erased. Lowering it erases them at once.',
    }),
  },
  { $id: 'OrgSettings' },
)
export type OrgSettings = Static<typeof OrgSettings>

export const UpdateOrgSettingsBody = Type.Partial(OrgSettings, { $id: 'UpdateOrgSettingsBody' })
export type UpdateOrgSettingsBody = Static<typeof UpdateOrgSettingsBody>

/** Settings of an organization that never changed them. */
export const DEFAULT_ORG_SETTINGS: OrgSettings = {
  skip_mode: 'return',
  snooze_minutes: 60,
  allow_parallel_tasks: false,
  strict_fields: false,
  audit_retention_days: 365,
}
