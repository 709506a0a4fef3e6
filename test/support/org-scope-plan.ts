import type pg from 'pg'

/** One node of `EXPLAIN (FORMAT JSON)`: only the keys the tests read. */
export interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  'Subplan Name'?: string
  Schema?: string
  Alias?: string
  Operation?: string
  'Index Cond'?: string
  'Recheck Cond'?: string
  Filter?: string
  'TID Cond'?: string
  Plans?: PlanNode[]
}

/** A scan of a tenant table that does not say which organization it reads. */
export interface UnscopedScan {
  table: string
  node: string
  conditions: string[]
}

/** What the planner made of one statement. */
export type StatementVerdict =
  | { kind: 'not-planned'; reason: string }
  | { kind: 'scoped' }
  | { kind: 'unscoped'; scans: UnscopedScan[] }

/**
 * Each distributed table and its distribution column: org_uid, and the organization's own
 * uid in `organizations`.
 */
export type Distribution = Map<string, 'org_uid' | 'uid'>

/**
 * The distribution column compared for equality with one value the statement was given: a
 * parameter, a constant, or a value computed once for the statement (an InitPlan).
 */
const equalsValue = (column: string) =>
  new RegExp(
    `\\b${column} = (\\(*\\$\\d+|'[^']*'|\\(InitPlan|\\(SubPlan)|(\\$\\d+|'[^']*'::uuid)\\)* = (\\w+\\.)?${column}\\b`,
  )

/** `a.org_uid = b.org_uid` (or `o.uid`): a join on the distribution column, colocated. */
const ORG_JOIN = /(\w+|"[^"]+")\.(org_uid|uid) = (\w+|"[^"]+")\.(org_uid|uid)\b/g

/** Conditions that restrict a scan node, its bitmap index children's included. */
function conditionsOf(node: PlanNode): string[] {
  const own = [node['Index Cond'], node['Recheck Cond'], node.Filter, node['TID Cond']]
  const bitmap =
    node['Node Type'] === 'Bitmap Heap Scan'
      ? (node.Plans ?? []).flatMap((child) => conditionsOf(child))
      : []
  return [...own.filter((c): c is string => typeof c === 'string'), ...bitmap]
}

interface Scan {
  table: string
  column: 'org_uid' | 'uid'
  alias: string
  node: string
  conditions: string[]
  /** An INSERT's target: its rows name their organization, so what joins them is routed. */
  inserted?: boolean
}

function collectScans(node: PlanNode, distribution: Distribution, scans: Scan[]): void {
  const table = node['Relation Name']
  // An INSERT's target has no scan: its rows name their organization (org_uid is NOT NULL,
  // which the schema test checks). An UPDATE's or DELETE's target is scanned below it.
  const column = table ? distribution.get(table) : undefined
  if (!table || !column) {
    // Not distributed: catalogs, the rate limiter's counters, migrations bookkeeping.
  } else if (node['Node Type'] === 'ModifyTable' && node.Operation === 'Insert') {
    const alias = node.Alias ?? table
    scans.push({ table, column, alias, node: 'Insert', conditions: [], inserted: true })
  } else if (node['Node Type'] !== 'ModifyTable') {
    scans.push({
      table,
      column,
      alias: node.Alias ?? table,
      node: node['Node Type'],
      conditions: conditionsOf(node),
    })
  }
  for (const child of node.Plans ?? []) {
    collectScans(child, distribution, scans)
  }
}

const unquote = (alias: string) => alias.replace(/^"|"$/g, '')

/**
 * The scans that cannot be routed to one organization's node. A scan is anchored by an
 * equality of its org_uid with one value; a scan joined to others on org_uid (a colocated
 * join, a correlated subquery) is as good as the best of them. Joins the planner could turn
 * into comparisons with the value on both sides it already did, so this mostly matters for
 * correlated subqueries and joins through outer joins.
 */
function unroutedScans(scans: Scan[]): Scan[] {
  const columnOf = new Map(scans.map((scan) => [scan.alias, scan.column]))
  // A join links two scans only through the distribution column of each.
  const onDistribution = (alias: string, column: string) =>
    (columnOf.get(alias) ?? 'org_uid') === column
  const parent = new Map<string, string>()
  const find = (alias: string): string => {
    const up = parent.get(alias) ?? alias
    if (up === alias) {
      return alias
    }
    const root = find(up)
    parent.set(alias, root)
    return root
  }
  for (const scan of scans) {
    for (const condition of scan.conditions) {
      for (const match of condition.matchAll(ORG_JOIN)) {
        const [a, b] = [unquote(match[1] ?? ''), unquote(match[3] ?? '')]
        if (onDistribution(a, match[2] ?? '') && onDistribution(b, match[4] ?? '')) {
          parent.set(find(a), find(b))
        }
      }
    }
  }
  const anchored = new Set(
    scans
      .filter(
        (scan) => scan.inserted || scan.conditions.some((c) => equalsValue(scan.column).test(c)),
      )
      .map((scan) => find(scan.alias)),
  )
  return scans.filter((scan) => !scan.inserted && !anchored.has(find(scan.alias)))
}

/** Statements that plan no table access: transaction control, settings, notifications. */
// ANALYZE and VACUUM are maintenance of whole tables, which Citus runs on every shard.
const NOT_A_QUERY =
  /^\s*(ANALYZE|VACUUM|BEGIN|COMMIT|ROLLBACK|START|SET|RESET|SHOW|SAVEPOINT|RELEASE|LISTEN|UNLISTEN|DISCARD|DEALLOCATE)\b/i

/**
 * Plans `text` as PostgreSQL would for any parameter values (a generic plan, through
 * PREPARE and EXPLAIN EXECUTE: nothing runs) and finds every scan of a tenant table without
 * an equality on org_uid. The PostgreSQL parser and planner are the judges, so CTEs,
 * subqueries, joins and the conditions the planner derives from them all count.
 */
export async function judgeStatement(
  client: pg.ClientBase,
  text: string,
  distribution: Distribution,
): Promise<StatementVerdict> {
  if (NOT_A_QUERY.test(text)) {
    return { kind: 'not-planned', reason: 'not a query' }
  }
  await client.query('SAVEPOINT judge')
  try {
    await client.query(`PREPARE tessera_judged AS ${text}`)
  } catch (error) {
    await client.query('ROLLBACK TO SAVEPOINT judge')
    return { kind: 'not-planned', reason: (error as Error).message }
  }
  try {
    const { rows } = await client.query<{ parameter_types: string | string[] }>(
      "SELECT parameter_types FROM pg_prepared_statements WHERE name = 'tessera_judged'",
    )
    const types = rows[0]?.parameter_types ?? []
    const count = Array.isArray(types)
      ? types.length
      : types.replace(/^{|}$/g, '').split(',').filter(Boolean).length
    const args = count > 0 ? `(${Array.from({ length: count }, () => 'NULL').join(', ')})` : ''
    const plan = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] | string }>(
      `EXPLAIN (VERBOSE, FORMAT JSON) EXECUTE tessera_judged${args}`,
    )
    const raw = plan.rows[0]?.['QUERY PLAN']
    const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ Plan: PlanNode }]
    const scans: Scan[] = []
    collectScans(parsed[0].Plan, distribution, scans)
    const unrouted = unroutedScans(scans).map(({ table, node, conditions }) => ({
      table,
      node,
      conditions,
    }))
    return unrouted.length === 0 ? { kind: 'scoped' } : { kind: 'unscoped', scans: unrouted }
  } finally {
    await client.query('DEALLOCATE tessera_judged')
    await client.query('RELEASE SAVEPOINT judge')
  }
}

/** Tables of the current schema with an org_uid column: the tenant tables. */
export async function tenantTablesOf(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'org_uid' AND NOT a.attisdropped
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
     ORDER BY 1`,
  )
  return rows.map((row) => row.name)
}

/**
 * The tenant tables by org_uid, and `organizations` by its uid: a statement that reads an
 * organization's row names it by uid, and joins its tables on org_uid = o.uid.
 */
export async function distributionOf(client: pg.ClientBase): Promise<Distribution> {
  const tenants = await tenantTablesOf(client)
  return new Map([
    ...tenants.map((table) => [table, 'org_uid'] as const),
    ['organizations', 'uid'] as const,
  ])
}
