import { describe, expect, it } from 'vitest'
import type { MachineInfo } from '../machine'
import { sectionProblems } from '../readme-section'
import type { StepFigures } from './measure'
import { parseScaleOptions } from './options'
import { type EngineScale, renderScaleTable, scaleSection } from './report'

const machine: MachineInfo = {
  cpus: 2,
  cpuModel: 'AMD EPYC',
  ramGiB: 23.5,
  node: 'v20.20.2',
  os: 'Linux',
  loadAtStart: 1,
  loadAtEnd: 2,
  commit: 'abc1234',
}

const postgres: EngineScale = { engine: 'postgres', steps: [], peakRssMiB: 0, version: 'PG 15' }
const keptPglite = '<!-- scale:pglite -->\n#### PGlite\n\nCommit 0ld0000\n<!-- /scale:pglite -->'

describe('the scale section', () => {
  const options = parseScaleOptions([])
  const date = new Date('2026-12-07T04:00:00Z')

  it("keeps the block of an engine the run did not measure, under that run's commit", () => {
    const section = scaleSection([postgres], machine, options, date, ['notes'], (engine) =>
      engine === 'pglite' ? keptPglite : null,
    )
    expect(section).toContain(keptPglite)
    expect(section.indexOf('<!-- scale:postgres -->')).toBeLessThan(section.indexOf(keptPglite))
    expect(section).toContain('Commit abc1234, run on 2026-12-07 04:00 UTC')
    expect(sectionProblems(`<!-- section:scale -->\n${section}\n<!-- /section:scale -->`)).toEqual(
      [],
    )
  })

  it('replaces the kept block of an engine the run measured', () => {
    const pglite: EngineScale = { ...postgres, engine: 'pglite', version: 'PGlite 0.5' }
    const section = scaleSection([postgres, pglite], machine, options, date, [], () => keptPglite)
    expect(section).not.toContain('Commit 0ld0000')
    expect(section.match(/<!-- scale:pglite -->/g)).toHaveLength(1)
  })
})

describe('the scale table', () => {
  const options = parseScaleOptions([])
  const phase = (rate: number) => ({ count: rate * 8, seconds: 8, rate, p50: 4, p99: 12 })
  const step = (tasks: number, steal: number | null): StepFigures => ({
    tasks,
    loadBefore: 1,
    loadAfter: 2,
    steal,
    ingest: phase(5000),
    ingestWalKb: 4,
    create: phase(700),
    list: phase(200),
    listLargest: phase(100),
    dispatch: {
      cycles: phase(300),
      claim: phase(300),
      distinct: 2400,
      claims: 2400,
      cpu: null,
      wal: null,
    },
    largestTasks: tasks / 3,
    serverRssMiB: 300,
  })

  it('shows what CPU time the host took during each step, so that a slow step can be told apart', () => {
    const table = renderScaleTable([step(100_000, 0.02), step(250_000, 0.21)], options)
    expect(table).toContain(
      "| CPU time the host gave other guests (steal) during the step's timed phases · | 2% | 21% |",
    )
  })

  it('leaves the row out where steal is unknown (off Linux)', () => {
    expect(renderScaleTable([step(100_000, null)], options)).not.toContain('steal')
  })
})
