import type { TestOperator } from '../../test/support/operator-tokens'
import { seedOrganizations } from '../../test/support/seed-organizations'
import type { EngineTarget } from '../direct-db'

/** An organization the benchmark writes to, with an admin token of its own. */
export interface Tenant {
  name: string
  uid: string
  token: string
  /** Share of the growth it receives (Zipf: the i-th largest gets 1/i of the first's). */
  weight: number
}

/** The organizations of a run. */
export interface Tenants {
  /** The backlog that is measured, which keeps its size. */
  measured: Tenant
  /** The queue operators play, in an organization of its own so the backlog stays as it is. */
  dispatch: Tenant & { operators: TestOperator[] }
  /** Zipf-sized, largest first; the largest also takes the timed ingest and single creates. */
  others: Tenant[]
}

/**
 * Migrates the database and creates the organizations in this process, as
 * `tessera tokens create` would, before the server starts (a PGlite directory takes one
 * process, and one CLI start per organization would take longer than the whole benchmark).
 */
export async function createTenants(
  target: EngineTarget,
  organizations: number,
  operators: number,
): Promise<Tenants> {
  const names = Array.from({ length: organizations }, (_, i) => ({
    name: `tenant-${String(i + 1).padStart(4, '0')}`,
    operators: 0,
  }))
  const [measured, dispatch, ...others] = await seedOrganizations(
    target.engine === 'pglite'
      ? { dataDir: target.dataDir, engine: 'pglite' }
      : { databaseUrl: target.databaseUrl },
    [{ name: 'bench', operators: 0 }, { name: 'bench-dispatch', operators }, ...names],
  )
  if (!measured || !dispatch) {
    throw new Error('the organizations were not created')
  }
  const tenant = (name: string, seeded: typeof measured, weight: number): Tenant => ({
    name,
    uid: seeded.orgUid,
    token: seeded.adminToken,
    weight,
  })
  return {
    measured: tenant('bench', measured, 0),
    dispatch: { ...tenant('bench-dispatch', dispatch, 0), operators: dispatch.operators },
    others: others.map((seeded, i) => tenant(names[i]?.name ?? '', seeded, 1 / (i + 1))),
  }
}

/**
 * Splits `tasks` over the tenants in proportion to their weights (largest remainders first),
 * so that the sizes keep their Zipf shape as the database grows.
 */
export function apportion(tenants: Tenant[], tasks: number): number[] {
  const total = tenants.reduce((sum, tenant) => sum + tenant.weight, 0)
  const exact = tenants.map((tenant) => (tasks * tenant.weight) / total)
  const shares = exact.map(Math.floor)
  let left = tasks - shares.reduce((sum, share) => sum + share, 0)
  const byRemainder = exact
    .map((value, index) => ({ index, rest: value - Math.floor(value) }))
    .sort((a, b) => b.rest - a.rest)
  for (const { index } of byRemainder) {
    if (left === 0) {
      break
    }
    shares[index] = (shares[index] ?? 0) + 1
    left--
  }
  return shares
}
