import { describe, expect, it } from 'vitest'
import { formatDuration, slaCountdown } from './format'

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [45, '45 s'],
    [60, '1 min'],
    [725, '12 min 5 s'],
    [3600, '1 h'],
    [12_000, '3 h 20 min'],
    [86_400, '1 d'],
    [187_200, '2 d 4 h'],
    [-5, '0 s'],
  ])('%i s reads %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text)
  })
})

describe('slaCountdown', () => {
  const now = new Date('2025-09-11T12:00:00Z')

  it('is null without an SLA', () => {
    expect(slaCountdown(null, now)).toBeNull()
  })

  it('counts down, calm while more than an hour is left', () => {
    expect(slaCountdown('2025-09-11T15:20:00Z', now)).toEqual({
      text: '3 h 20 min left',
      tone: 'ok',
    })
  })

  it('warns within the last hour', () => {
    expect(slaCountdown('2025-09-11T12:12:05Z', now)).toEqual({
      text: '12 min 5 s left',
      tone: 'soon',
    })
  })

  it('says how long ago it was breached', () => {
    expect(slaCountdown('2025-09-11T10:00:00Z', now)).toEqual({
      text: 'Breached 2 h ago',
      tone: 'breached',
    })
    expect(slaCountdown('2025-09-11T12:00:00Z', now)?.tone).toBe('breached')
  })

  it('tells a finished task whether it met its SLA', () => {
    const breach = '2025-09-11T10:00:00Z'
    expect(slaCountdown(breach, now, '2025-09-11T09:59:00Z')).toEqual({
      text: 'SLA met',
      tone: 'ok',
    })
    expect(slaCountdown(breach, now, '2025-09-11T10:01:00Z')).toEqual({
      text: 'SLA missed',
      tone: 'breached',
    })
  })
})
