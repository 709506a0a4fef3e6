import { describe, expect, it } from 'vitest'
import { percent, renderTargetLines, type Target } from './targets'

const atLeastSixty = (rounds: number[], ceiling?: number[]): Target => ({
  target: 'rate ≥ 60% of the floor',
  rounds,
  meets: (value) => value >= 0.6,
  show: percent,
  ceiling: ceiling && { what: 'the ideal floor', rounds: ceiling },
})

describe('renderTargetLines', () => {
  it('passes on the median of the rounds, not on the best one', () => {
    expect(renderTargetLines([atLeastSixty([0.5, 0.7, 0.62])])).toContain(
      '| 62% | 50%, 70%, 62% | pass |',
    )
    expect(renderTargetLines([atLeastSixty([0.5, 0.7, 0.55])])).toContain(
      '| 55% | 50%, 70%, 55% | **FAIL** |',
    )
  })

  it('calls a target out of reach only when its ceiling misses it in every round', () => {
    expect(renderTargetLines([atLeastSixty([0.4, 0.45, 0.42], [0.5, 0.55, 0.58])])).toContain(
      '**FAIL**; out of reach here: the ideal floor misses it in every round (50%, 55%, 58%)',
    )
  })

  it('says what the ceiling reached when one of its rounds met the target', () => {
    const line = renderTargetLines([atLeastSixty([0.4, 0.45, 0.42], [0.5, 0.65, 0.58])])
    expect(line).toContain('**FAIL**; the ideal floor reached 50%, 65%, 58% |')
    expect(line).not.toContain('out of reach')
  })
})
