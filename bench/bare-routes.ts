// What the benchmarks and the bare floor server (bare-server.ts) agree on.

/** The floor's dispatch routes: the raw claim, and the raw completing UPDATE. */
export const FLOOR_ROUTES = { claim: '/floor/claim', complete: '/floor/complete' }

/** Names the claiming operator on the floor, which checks no token. */
export const FLOOR_OPERATOR_HEADER = 'x-operator-uid'

/** Where the floor server writes and claims; without a database it is the bare HTTP floor. */
export interface FloorDatabase {
  databaseUrl: string
  orgUid: string
  /** The queue claims come from (dispatch only). */
  queueUid?: string
}

/** The environment variable that hands a {@link FloorDatabase} to the floor process. */
export const FLOOR_DATABASE_ENV = 'BENCH_FLOOR_DATABASE'
