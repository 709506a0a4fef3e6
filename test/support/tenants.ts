import { closeSync, openSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Role } from '../../src/core/auth/roles'
import { ApiClient } from './api-client'
import type { EngineUnderTest } from './engines'

/** An organization seeded before the server started, with one token per role. */
export interface SeededTenant {
  orgName: string
  tokens: Record<Role, string>
}

/** A fresh organization, for one test's use only, with a client per role. */
export interface Tenant extends SeededTenant {
  as: Record<Role, ApiClient>
  /** A client of the super admin: the default actor. */
  api: ApiClient
}

/**
 * Claims an organization nobody else has used in this run. Claims are files created with
 * O_EXCL, so parallel test files never share a tenant and never see each other's data.
 */
export function claimTenant(engine: EngineUnderTest): Tenant {
  const tenants = JSON.parse(readFileSync(engine.tenantsFile, 'utf8')) as SeededTenant[]
  for (const [index, tenant] of tenants.entries()) {
    try {
      closeSync(openSync(join(engine.claimsDir, String(index)), 'wx'))
    } catch {
      continue
    }
    const as = Object.fromEntries(
      Object.entries(tenant.tokens).map(([role, token]) => [
        role,
        new ApiClient(engine.baseUrl, token),
      ]),
    ) as Record<Role, ApiClient>
    return { ...tenant, as, api: as.super_admin }
  }
  throw new Error('All seeded tenants are taken: raise TENANTS in global-setup.ts')
}
