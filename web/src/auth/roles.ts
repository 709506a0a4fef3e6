import type { Role } from '../api'

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2, super_admin: 3 }

/** Whether `role` is `least` or above: the same order the API enforces. */
export function hasRole(role: Role, least: Role): boolean {
  return RANK[role] >= RANK[least]
}

/** How each role is named on screen. */
export const ROLE_LABELS: Record<Role, string> = {
  super_admin: 'Super admin',
  admin: 'Admin',
  operator: 'Operator',
  viewer: 'Viewer',
}
