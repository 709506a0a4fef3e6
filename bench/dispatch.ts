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
import { floorTargets } from './dispatch/targets'
import type { DispatchStats } from './dispatch/timed-pairs'
import { createToken, prepareEngine, profilerEnv, withServer } from './engine'
import { HttpClient } from './http-client'
import { describeMachine, readCpuTimes, stealSince } from './machine'
import { raisePriority } from './priority'
import { queryVersion } from './raw-sql'
import { writeReadmeSection } from './readme-section'
import { renderTargetLines } from './targets'

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
    const rounds = await withServer(
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
        const timing = {
          warmupMs: options.warmupMs,
          durationMs: options.durationMs,
          database: direct,
        }
        const rounds: OperatorsResult[][] = []
        const floor = await startBareServer({
          databaseUrl,
          orgUid: fixture.orgUid,
          queueUid: fixture.queueUid,
        })
        try {
          // Each server's code first runs warm, as it would in a server that has been up for
          // a while: the first phase of a fresh process otherwise measures its JIT compiler
          // (11% of Tessera's CPU in a 2 s warm-up's window, by perf).
          const most = Math.max(...options.operators)
          const warming = { ...timing, warmupMs: 0, durationMs: options.serverWarmupMs }
          process.stderr.write('warming up both servers\n')
          await resetQueue(direct, fixture.orgUid)
          await measureTessera({ url: server.url, pid: server.process.pid }, fixture, most, warming)
          await resetQueue(direct, fixture.orgUid)
          await measureFloor(floor, fixture, most, warming, 'inContract')
          let mark = readCpuTimes()
          for (let round = 1; round <= options.rounds; round++) {
            const measured: OperatorsResult[] = []
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
              const stolen = stealSince(mark)
              mark = readCpuTimes()
              process.stderr.write(
                `round ${round}/${options.rounds}, ${operators} operators (load ${os.loadavg()[0]?.toFixed(2)}${stolen === null ? '' : `; since the last line the host took ${Math.round(stolen * 100)}% of the CPUs (steal)`})\n`,
              )
              const tessera = await phase(() =>
                measureTessera(
                  { url: server.url, pid: server.process.pid },
                  fixture,
                  operators,
                  timing,
                ),
              )
              const rawClaim = await phase(() =>
                measureRaw(databaseUrl, fixture, operators, timing, false),
              )
              const rawCycle = await phase(() =>
                measureRaw(databaseUrl, fixture, operators, timing, true),
              )
              const httpFloor = await phase(() => measureFloor(floor, fixture, operators, timing))
              const historyFloor = await phase(() =>
                measureFloor(floor, fixture, operators, timing, 'withHistory'),
              )
              const shapeFloor = await phase(() =>
                measureFloor(floor, fixture, operators, timing, 'inShape'),
              )
              const contractFloor = await phase(() =>
                measureFloor(floor, fixture, operators, timing, 'inContract'),
              )
              const atOnceFloor = await phase(() =>
                measureFloor(floor, fixture, operators, timing, 'atOnce'),
              )
              measured.push({
                operators,
                tessera,
                rawClaim,
                rawCycle,
                httpFloor,
                historyFloor,
                shapeFloor,
                contractFloor,
                atOnceFloor,
              })
            }
            rounds.push(measured)
          }
        } finally {
          await floor.stop()
        }
        return rounds
      },
    )
    // The tables show the last round; the targets the median of all.
    const results = rounds.at(-1) ?? []
    machine.loadAtEnd = os.loadavg()[0]
    const version = await queryVersion(direct)
    process.stdout.write(
      `\n${renderDispatchTable(results)}\n\n${renderDispatchTargets(results)}\n\n${renderFloorShare(results)}\n\n${renderExclusivity(results)}\n`,
    )
    const targets = `Issue 17's targets, median of ${rounds.length} round(s):\n\n${renderTargetLines(floorTargets(rounds))}`
    process.stdout.write(`\n${targets}\n`)
    if (options.writeReadme) {
      writeReadmeSection(
        'dispatch',
        dispatchSection(results, targets, machine, options, version, date),
      )
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
