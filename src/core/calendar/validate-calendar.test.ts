import { describe, expect, it } from 'vitest'
import { type Calendar, DEFAULT_CALENDAR } from '../../contract/calendar'
import { makeCalendar, officeCalendar } from './test-calendars'
import { validateCalendar } from './validate-calendar'

describe('validateCalendar', () => {
  it('accepts the default calendar and a realistic one', () => {
    expect(validateCalendar(DEFAULT_CALENDAR)).toEqual([])
    const paris = makeCalendar(
      'Europe/Paris',
      {
        mon: [
          { start: '13:00', end: '18:00' },
          { start: '08:30', end: '12:00' },
        ],
        sat: [{ start: '00:00', end: '24:00' }],
      },
      ['2025-12-25', '2024-02-29'],
    )
    expect(validateCalendar(paris)).toEqual([])
  })

  it('accepts a calendar with no hours at all', () => {
    expect(validateCalendar(makeCalendar('UTC', {}))).toEqual([])
  })

  it('accepts touching intervals', () => {
    const calendar = makeCalendar('UTC', {
      tue: [
        { start: '09:00', end: '12:00' },
        { start: '12:00', end: '18:00' },
      ],
    })
    expect(validateCalendar(calendar)).toEqual([])
  })

  it('rejects an unknown time zone', () => {
    expect(validateCalendar({ ...DEFAULT_CALENDAR, time_zone: 'Mars/Olympus_Mons' })).toEqual([
      { path: '/time_zone', message: 'unknown IANA time zone' },
    ])
  })

  it('points at a malformed or reversed interval end', () => {
    const calendar = makeCalendar('UTC', {
      mon: [{ start: '09:00', end: '09:00' }],
      wed: [{ start: '9:00', end: '24:30' }],
      fri: [{ start: '24:00', end: '24:00' }],
    })
    expect(validateCalendar(calendar, '/body')).toEqual([
      { path: '/body/weekly_hours/mon/0/end', message: 'must be after start' },
      { path: '/body/weekly_hours/wed/0/start', message: 'must be "HH:MM", 00:00 to 23:59' },
      { path: '/body/weekly_hours/wed/0/end', message: 'must be "HH:MM", up to 24:00' },
      { path: '/body/weekly_hours/fri/0/start', message: 'must be "HH:MM", 00:00 to 23:59' },
    ])
  })

  it('rejects overlapping intervals in any order', () => {
    const calendar = makeCalendar('UTC', {
      thu: [
        { start: '14:00', end: '18:00' },
        { start: '08:00', end: '10:00' },
        { start: '09:30', end: '11:00' },
        { start: '15:00', end: '16:00' },
      ],
    })
    expect(validateCalendar(calendar)).toEqual([
      { path: '/weekly_hours/thu/2', message: 'overlaps interval 1' },
      { path: '/weekly_hours/thu/3', message: 'overlaps interval 0' },
    ])
  })

  it('rejects more than four intervals a day', () => {
    const hours = ['01', '03', '05', '07', '09'].map((h) => ({ start: `${h}:00`, end: `${h}:30` }))
    expect(validateCalendar(makeCalendar('UTC', { sun: hours }))).toEqual([
      { path: '/weekly_hours/sun', message: 'at most 4 intervals per day' },
    ])
  })

  it('rejects bad and duplicate holidays', () => {
    const calendar = officeCalendar('UTC', ['2025-02-29', '2025-12-25', '25/12/2025', '2025-12-25'])
    expect(validateCalendar(calendar)).toEqual([
      { path: '/holidays/0', message: 'must be a real date, "YYYY-MM-DD"' },
      { path: '/holidays/2', message: 'must be a real date, "YYYY-MM-DD"' },
      { path: '/holidays/3', message: 'duplicate holiday' },
    ])
  })

  it('rejects more than 1000 holidays', () => {
    const start = Date.UTC(2000, 0, 1)
    const holidays = Array.from({ length: 1001 }, (_, i) =>
      new Date(start + i * 86_400_000).toISOString().slice(0, 10),
    )
    const calendar: Calendar = officeCalendar('UTC', holidays)
    expect(validateCalendar(calendar)).toEqual([
      { path: '/holidays', message: 'at most 1000 holidays' },
    ])
  })
})
