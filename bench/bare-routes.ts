// What the benchmarks and the bare floor server (bare-server.ts) agree on.

/**
 * The floor's own routes: the raw claim, the raw completing UPDATE, and the single-row INSERT
 * after one more round trip (`SELECT 1`), the least an API that checks a token can add.
 */
export const FLOOR_ROUTES = {
  claim: '/floor/claim',
  complete: '/floor/complete',
  createAfterRoundTrip: '/floor/tasks-after-round-trip',
  /** The single-row INSERT with its history row in the same statement, as the store writes. */
  createWithHistory: '/floor/tasks-with-history',
  /** The batch INSERT with each row's history entry in the same statement. */
  batchWithHistory: '/floor/tasks/batch-with-history',
  /** The raw claim and the raw complete, each writing its history rows in the same statement. */
  claimWithHistory: '/floor/claim-with-history',
  completeWithHistory: '/floor/complete-with-history',
  /** The round trips of Tessera's `next` and `complete`, in raw statements. */
  claimInShape: '/floor/claim-in-shape',
  completeInShape: '/floor/complete-in-shape',
  /** The same round trips, authenticated by a bearer token and answering the whole task. */
  claimInContract: '/floor/claim-in-contract',
  completeInContract: '/floor/complete-in-contract',
  /** The claim in the contract, in one statement (completed by `completeInContract`). */
  claimAtOnce: '/floor/claim-at-once',
}

/** Names the claiming operator on the floor, which checks no token. */
export const FLOOR_OPERATOR_HEADER = 'x-operator-uid'

/**
 * Where the floor server writes and claims; without a database it is the bare HTTP floor.
 * On PGlite (`dataDir`) it opens the directory itself, so nothing else may hold it then.
 */
export type FloorDatabase = ({ databaseUrl: string } | { dataDir: string }) & {
  orgUid: string
  /** The queue claims come from (dispatch only). */
  queueUid?: string
  /**
   * Where the single create with history writes, if not `orgUid`: an organization of its
   * own keeps the floor's rows out of the lists a benchmark then measures.
   */
  createOrgUid?: string
}

/** The environment variable that hands a {@link FloorDatabase} to the floor process. */
export const FLOOR_DATABASE_ENV = 'BENCH_FLOOR_DATABASE'
