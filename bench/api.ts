import os from 'node:os'
import { describeMachine } from './machine'
import { type BenchOptions, parseOptions } from './options'
import { raisePriority } from './priority'
import { writeReadme } from './readme'
import { checkTargets, engineRows, renderCreateFloor, renderTable, renderTargets } from './report'
import { type EngineResult, runEngine } from './run-engine'
import { percent, renderTargetLines, type Target } from './targets'

// `npm run bench`: the API benchmark. See bench/README.md for what it measures and how.

/**
 * Issue 17's targets for this benchmark: batch ingest against its HTTP + SQL floor
 * (PostgreSQL), and single create on PGlite against its own SQL baseline.
 */
function issue17Targets(rounds: EngineResult[]): Target[] {
  const targets: Target[] = []
  const postgres = rounds.filter((r) => r.engine === 'postgres')
  if (postgres.length > 0) {
    targets.push({
      target: 'PostgreSQL batch ingest ≥ 90% of its HTTP + SQL floor',
      rounds: postgres.map((r) => r.ingest.api.rate / r.floor.ingest.rate),
      meets: (share) => share >= 0.9,
      show: percent,
      ceiling: {
        what: 'the floor writing each row’s history in the same statement',
        rounds: postgres.map((r) => r.floor.ingestWithHistory.rate / r.floor.ingest.rate),
      },
    })
  }
  const pglite = rounds.filter((r) => r.engine === 'pglite')
  if (pglite.length > 0) {
    targets.push({
      target: 'PGlite single create ≥ 70% of its SQL baseline (single-row INSERT)',
      rounds: pglite.map((r) => r.create.api.rate / r.create.raw.rate),
      meets: (share) => share >= 0.7,
      show: percent,
    })
  }
  return targets
}

async function main(options: BenchOptions): Promise<void> {
  raisePriority(options.nice)
  const machine = describeMachine()
  const date = new Date()
  const results: EngineResult[] = []
  const everyRound: EngineResult[] = []
  for (const engine of options.engines) {
    let last: EngineResult | undefined
    for (let round = 1; round <= options.rounds; round++) {
      process.stderr.write(
        `\n== ${engine}, round ${round}/${options.rounds} (load ${os.loadavg()[0]?.toFixed(2)}) ==\n`,
      )
      const result = await runEngine(engine, options)
      everyRound.push(result)
      last = result
      process.stdout.write(`\n${engine}, round ${round}: ${result.version}\n\n`)
      process.stdout.write(`${renderTable(engineRows(result, options))}\n\n`)
      if (engine === 'postgres') {
        process.stdout.write(`${renderTargets(checkTargets(result, options.concurrency))}\n\n`)
      }
      process.stdout.write(`${renderCreateFloor(result)}\n\n`)
    }
    if (last) {
      results.push(last)
    }
  }
  process.stdout.write(
    `Issue 17's targets, median of ${options.rounds} round(s) per engine:\n\n${renderTargetLines(issue17Targets(everyRound))}\n\n`,
  )
  machine.loadAtEnd = os.loadavg()[0]
  if (options.writeReadme) {
    writeReadme(results, machine, options, date)
    process.stdout.write('Wrote bench/README.md\n')
  }
}

try {
  await main(parseOptions(process.argv.slice(2)))
} catch (error) {
  process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
}
