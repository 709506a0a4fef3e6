import type { ROLES } from '../../contract/common'

/** A token's role. */
export type Role = (typeof ROLES)[number]

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2, super_admin: 3 }

/**
 * Roles are strictly ordered: each may do everything the one below it may. A route names the
 * least role it needs.
 */
export function hasRole(actual: Role, least: Role): boolean {
  return RANK[actual] >= RANK[least]
}
