import { describe, expect, it } from 'vitest'
import {
  axisLabel,
  customRange,
  durationUnit,
  formatShare,
  heatRows,
  inUnit,
  nameAxisWidth,
  presetRange,
} from './report-format'

describe('report periods', () => {
  it('counts a preset back from now, to the minute, and runs it up to each request', () => {
    expect(presetRange(7, new Date('2026-03-10T12:34:56.789Z'))).toEqual({
      from: '2026-03-03T12:34:00.000Z',
    })
  })

  it('takes custom dates as whole days of the organization time zone', () => {
    expect(customRange('2026-03-02', '2026-03-08', 'Europe/Paris')).toEqual({
      from: '2026-03-01T23:00:00.000Z',
      to: '2026-03-08T23:00:00.000Z',
    })
    expect(customRange('2026-03-02', '2026-03-02', 'UTC')).toEqual({
      from: '2026-03-02T00:00:00.000Z',
      to: '2026-03-03T00:00:00.000Z',
    })
    expect(customRange('2026-03-08', '2026-03-02', 'UTC')).toBeNull()
    expect(customRange('', '2026-03-02', 'UTC')).toBeNull()
  })
})

describe('report figures', () => {
  it('picks a unit the longest duration reads well in', () => {
    expect(durationUnit(90)).toBe('s')
    expect(durationUnit(600)).toBe('min')
    expect(durationUnit(9000)).toBe('h')
    expect(inUnit(5400, 'h')).toBe(1.5)
    expect(inUnit(null, 'h')).toBeNull()
  })

  it('writes shares as percentages, a dash for none', () => {
    expect(formatShare(0.6667)).toBe('67 %')
    expect(formatShare(null)).toBe('—')
  })

  it('sizes a name axis for its longest name, within bounds, and cuts longer names', () => {
    expect(nameAxisWidth(['Al'])).toBe(48)
    expect(nameAxisWidth(['Margaret Hamilton'])).toBe(131)
    expect(nameAxisWidth(['x'.repeat(60)])).toBe(150)
    expect(axisLabel('Margaret Hamilton', 131)).toBe('Margaret Hamilton')
    expect(axisLabel('x'.repeat(60), 150)).toBe(`${'x'.repeat(18)}…`)
  })

  it('lays the heat map out as weekdays × hours', () => {
    const rows = heatRows([
      { day_of_week: 1, hour: 9, completed: 3 },
      { day_of_week: 7, hour: 23, completed: 1 },
    ])
    expect(rows).toHaveLength(7)
    expect(rows[0]?.[9]).toBe(3)
    expect(rows[6]?.[23]).toBe(1)
    expect(rows.flat().reduce((a, b) => a + b, 0)).toBe(4)
  })
})
