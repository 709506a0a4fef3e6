import type { Role } from '../../api'

/** Every role, from most to least powerful, as pickers list them. */
export const ROLES: readonly Role[] = ['super_admin', 'admin', 'operator', 'viewer']
