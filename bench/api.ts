import os from 'node:os'
import { describeMachine } from './machine'
import { type BenchOptions, parseOptions } from './options'
import { raisePriority } from './priority'
import { writeReadme } from './readme'
import { checkTargets, engineRows, renderCreateFloor, renderTable, renderTargets } from './report'
import { type EngineResult, runEngine } from './run-engine'

// `npm run bench`: the API benchmark. See bench/README.md for what it measures and how.

async function main(options: BenchOptions): Promise<void> {
  raisePriority(options.nice)
  const machine = describeMachine()
  const date = new Date()
  const results: EngineResult[] = []
  for (const engine of options.engines) {
    process.stderr.write(`\n== ${engine} ==\n`)
    const result = await runEngine(engine, options)
    results.push(result)
    process.stdout.write(`\n${engine}: ${result.version}\n\n`)
    process.stdout.write(`${renderTable(engineRows(result, options))}\n\n`)
    if (engine === 'postgres') {
      process.stdout.write(`${renderTargets(checkTargets(result, options.concurrency))}\n\n`)
      process.stdout.write(`${renderCreateFloor(result)}\n\n`)
    }
  }
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
