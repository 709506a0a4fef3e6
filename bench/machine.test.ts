import { describe, expect, it } from 'vitest'
import { describeLoad, describeRun, type MachineInfo } from './machine'

const machine: MachineInfo = {
  cpus: 2,
  cpuModel: 'AMD EPYC',
  ramGiB: 23.5,
  node: 'v20.20.2',
  os: 'Linux 6.1.0',
  loadAtStart: 0.5,
  commit: 'abc1234',
}

describe('the provenance every benchmark section opens with', () => {
  it('names the commit, the minute in UTC, the CPUs, the memory, the OS and Node', () => {
    expect(describeRun(machine, new Date('2026-12-07T07:01:25Z'))).toBe(
      'Commit abc1234, run on 2026-12-07 07:01 UTC on 2 CPUs (AMD EPYC), 23.5 GiB RAM, Linux 6.1.0, Node v20.20.2',
    )
  })

  it('gives the load at both ends, and a question mark for an end never read', () => {
    expect(describeLoad({ ...machine, loadAtEnd: 3.456 })).toBe(
      '1-minute load average 0.50 at the start, 3.46 at the end',
    )
    expect(describeLoad(machine)).toBe('1-minute load average 0.50 at the start, ? at the end')
  })

  it('says how much of the CPUs the host took (steal) over the run, when it took any', () => {
    const started = { ...machine, loadAtEnd: 1, cpuAtStart: { total: 1000, steal: 10 } }
    expect(describeLoad(started, { total: 2000, steal: 160 })).toBe(
      "1-minute load average 0.50 at the start, 1.00 at the end; the host took 15% of the CPUs' time (steal)",
    )
    expect(describeLoad(started, { total: 2000, steal: 10 })).toBe(
      '1-minute load average 0.50 at the start, 1.00 at the end',
    )
  })
})
