import type { BenchOptions } from './options'
import type { EngineResult } from './run-engine'
import type { PhaseStats } from './stats'

type Row = [metric: string, tessera: string, baseline: string, baselineIs: string, ratio: string]

const int = (n: number) => Math.round(n).toLocaleString('en-US')
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1))
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`

function rateRow(metric: string, api: PhaseStats, base: PhaseStats, baseIs: string): Row {
  return [metric, int(api.rate), int(base.rate), baseIs, ratio(api.rate, base.rate)]
}

function latencyRows(metric: string, api: PhaseStats, base: PhaseStats, baseIs: string): Row[] {
  return [
    [`${metric}, p50 (ms)`, ms(api.p50), ms(base.p50), baseIs, ratio(api.p50, base.p50)],
    [`${metric}, p99 (ms)`, ms(api.p99), ms(base.p99), baseIs, ratio(api.p99, base.p99)],
  ]
}

const INSERT_ONE = 'SQL: single-row INSERT'
const INSERT_HISTORY = 'SQL: the same INSERT with its history, into Tessera’s tables'
const BY_UID = 'SQL: SELECT by org_uid, uid'
const FILTER_SQL = 'SQL: the page and count queries'
const FLOOR_BATCH = 'HTTP + SQL floor: bare Fastify running the same INSERT'
const FLOOR_ONE = 'HTTP + SQL floor: bare Fastify running the single-row INSERT'
const FLOOR_HISTORY = 'HTTP + SQL floor: the INSERT with its history, into Tessera’s tables'
const FLOOR_TWO = 'HTTP + SQL floor: the same after a `SELECT 1` round trip'
const FLOOR_BATCH_HISTORY = 'HTTP + SQL floor: the same INSERT writing each row’s history'

/** The rows of one engine's table. */
export function engineRows(r: EngineResult, options: BenchOptions): Row[] {
  const c = `${options.concurrency} in flight`
  const perRequest = options.batchSize.toLocaleString('en-US')
  const filter = '?country=FR (50 + total_count)'
  const ingestMetric = `batch ingest, ${perRequest} per request, ${options.batchConcurrency} in flight (tasks/s)`
  return [
    rateRow(ingestMetric, r.ingest.api, r.ingest.raw, 'SQL: the same jsonb_to_recordset INSERT'),
    rateRow(`batch ingest (tasks/s)`, r.ingest.api, r.floor.ingest, FLOOR_BATCH),
    rateRow(`batch ingest (tasks/s)`, r.ingest.api, r.floor.ingestWithHistory, FLOOR_BATCH_HISTORY),
    rateRow(`single create, ${c} (req/s)`, r.create.api, r.create.raw, INSERT_ONE),
    rateRow(`single create, ${c} (req/s)`, r.create.api, r.create.rawWithHistory, INSERT_HISTORY),
    rateRow(`single create, ${c} (req/s)`, r.create.api, r.create.bare, 'HTTP: bare Fastify POST'),
    rateRow(`single create, ${c} (req/s)`, r.create.api, r.floor.create, FLOOR_ONE),
    rateRow(`single create, ${c} (req/s)`, r.create.api, r.floor.createWithHistory, FLOOR_HISTORY),
    rateRow(`single create, ${c} (req/s)`, r.create.api, r.floor.createAfterRoundTrip, FLOOR_TWO),
    ...latencyRows(`single create, ${c}`, r.create.api, r.create.raw, INSERT_ONE),
    rateRow(`get by uid, ${c} (req/s)`, r.get.api, r.get.raw, BY_UID),
    ...latencyRows(`get by uid, ${c}`, r.get.api, r.get.raw, BY_UID),
    rateRow(`filter ${filter}, ${c} (req/s)`, r.filter.api, r.filter.raw, FILTER_SQL),
    ...latencyRows(`filter, ${c}`, r.filter.api, r.filter.raw, FILTER_SQL),
    ...latencyRows('filter, 1 in flight', r.filterAlone.api, r.filterAlone.raw, FILTER_SQL),
  ]
}

/** A Markdown table whose columns also line up in a terminal. */
export function renderTable(rows: Row[]): string {
  const header: Row = ['metric', 'Tessera', 'baseline', 'baseline is', 'Tessera ÷ baseline']
  const all = [header, ...rows]
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i]?.length ?? 0)))
  const numeric = [false, true, true, false, true]
  const line = (row: string[]) =>
    `| ${row.map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join(' | ')} |`
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`
  return [line(header), rule, ...rows.map(line)].join('\n')
}

/** One target of the issue, checked against a result. */
export interface TargetCheck {
  target: string
  measured: string
  met: boolean
}

/** The issue's targets, which are stated for PostgreSQL on this 2-core machine. */
export function checkTargets(r: EngineResult, concurrency: number): TargetCheck[] {
  const share = r.create.api.rate / r.create.raw.rate
  return [
    {
      target: 'batch ingest ≥ 20,000 tasks/s',
      measured: `${int(r.ingest.api.rate)} tasks/s`,
      met: r.ingest.api.rate >= 20_000,
    },
    {
      target: 'single create ≥ 50% of the raw single-row insert rate',
      measured: `${(share * 100).toFixed(0)}% (${int(r.create.api.rate)} vs ${int(r.create.raw.rate)} req/s)`,
      met: share >= 0.5,
    },
    {
      target: `filtered list p99 < 20 ms at ${int(r.tasksLoaded)} tasks, one request at a time`,
      measured: `${ms(r.filterAlone.api.p99)} ms`,
      met: r.filterAlone.api.p99 < 20,
    },
    {
      target: `the same with ${concurrency} requests in flight`,
      measured: `${ms(r.filter.api.p99)} ms`,
      met: r.filter.api.p99 < 20,
    },
  ]
}

/**
 * What the HTTP + SQL floors say of the single-create target: how much of the raw insert
 * rate a bare HTTP server reaches with one statement, with the history written in it, and with
 * a round trip before it, and Tessera beside them.
 */
export function renderCreateFloor(r: EngineResult): string {
  const pct = (n: number) => `${(n * 100).toFixed(0)}%`
  const raw = r.create.raw.rate
  const one = r.floor.create.rate
  const two = r.floor.createAfterRoundTrip.rate
  const history = r.floor.createWithHistory.rate
  return `Single create: a bare Fastify route that runs only the raw INSERT reaches ${pct(one / raw)} of the raw insert rate (${int(one)} vs ${int(raw)} req/s); one that writes the row with its history in one statement, as Tessera's store does, reaches ${pct(history / raw)}; the same route with one more round trip before the INSERT (\`SELECT 1\`, the least that checking a token adds) reaches ${pct(two / raw)}. Tessera must make that round trip (the token, its revocation and the shared rate-limit count are in the database) and then validates, routes, writes the history and logs: it reaches ${pct(r.create.api.rate / raw)}, ${pct(r.create.api.rate / two)} of the two-statement floor.`
}

/** The target checks as a Markdown table. */
export function renderTargets(checks: TargetCheck[]): string {
  return [
    '| target | measured | met |',
    '|---|---:|---|',
    ...checks.map((c) => `| ${c.target} | ${c.measured} | ${c.met ? 'yes' : '**no**'} |`),
  ].join('\n')
}
