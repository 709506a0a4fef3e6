import os from 'node:os'
import pg from 'pg'
import { startBareServer } from './bare'
import { measureFloor, measureRaw, measureTessera } from './dispatch/measure'
import { type DispatchOptions, parseDispatchOptions } from './dispatch/options'
import {
  dispatchSection,
  type OperatorsResult,
  renderDispatchTable,
  renderDispatchTargets,
  renderExclusivity,
  renderFloorShare,
} from './dispatch/report'
import { createFixture, resetQueue } from './dispatch/setup'
import type { DispatchStats } from './dispatch/timed-pairs'
import { createToken, prepareEngine, profilerEnv, withServer } from './engine'
import { HttpClient } from './http-client'
import { describeMachine } from './machine'
import { raisePriority } from './priority'
import { queryVersion } from './raw-sql'
import { writeReadmeSection } from './readme-section'

// `npm run bench:dispatch`: the player's next + complete against the raw SKIP LOCKED claim.

async function main(options: DispatchOptions): Promise<void> {
  raisePriority(options.nice)
  const machine = describeMachine()
  const date = new Date()
  const prepared = await prepareEngine('postgres', options.databaseUrl, options.nice)
  if (prepared.target.engine !== 'postgres') {
    throw new Error('dispatch runs on PostgreSQL')
  }
  const { databaseUrl } = prepared.target
  const direct = new pg.Pool({ connectionString: databaseUrl, max: 2 })
  try {
    const token = await createToken(prepared.target, 'admin')
    const results = await withServer(
      prepared.target,
      profilerEnv(options.cpuProfDir),
      async (server) => {
        const admin = new HttpClient(server.url, { authorization: `Bearer ${token}` })
        // Twice the open tasks: the raw claim takes tens of thousands in one phase, and the
        // queue must never hold fewer than --tasks while anything is measured.
        const fixture = await createFixture(
          admin,
          databaseUrl,
          options.tasks * 2,
          Math.max(...options.operators),
        )
        admin.close()
        const timing = { warmupMs: options.warmupMs, durationMs: options.durationMs }
        const measured: OperatorsResult[] = []
        const floor = await startBareServer({
          databaseUrl,
          orgUid: fixture.orgUid,
          queueUid: fixture.queueUid,
        })
        try {
          for (const operators of options.operators) {
            const phase = async (run: () => Promise<DispatchStats>) => {
              await resetQueue(direct, fixture.orgUid)
              const stats = await run()
              if (stats.claims > options.tasks) {
                throw new Error(
                  `${stats.claims} claims left fewer than --tasks open: raise --tasks`,
                )
              }
              return stats
            }
            const tessera = await phase(() =>
              measureTessera(server.url, fixture, operators, timing),
            )
            const rawClaim = await phase(() =>
              measureRaw(databaseUrl, fixture, operators, timing, false),
            )
            const rawCycle = await phase(() =>
              measureRaw(databaseUrl, fixture, operators, timing, true),
            )
            const httpFloor = await phase(() => measureFloor(floor.url, fixture, operators, timing))
            measured.push({ operators, tessera, rawClaim, rawCycle, httpFloor })
          }
        } finally {
          await floor.stop()
        }
        return measured
      },
    )
    machine.loadAtEnd = os.loadavg()[0]
    const version = await queryVersion(direct)
    process.stdout.write(
      `\n${renderDispatchTable(results)}\n\n${renderDispatchTargets(results)}\n\n${renderFloorShare(results)}\n\n${renderExclusivity(results)}\n`,
    )
    if (options.writeReadme) {
      writeReadmeSection('dispatch', dispatchSection(results, machine, options, version, date))
      process.stdout.write('Wrote the dispatch section of bench/README.md\n')
    }
  } finally {
    await direct.end()
    await prepared.dispose()
  }
}

try {
  await main(parseDispatchOptions(process.argv.slice(2)))
} catch (error) {
  process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
}
