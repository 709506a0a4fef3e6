import { percent, type Target } from '../targets'
import type { OperatorsResult } from './report'

const times = (ratio: number) => `${ratio.toFixed(2)}×`

/**
 * The floor that keeps what makes a hand-out exclusive across processes and its history
 * part of the same write, and answers as the API must (behind a bearer token, with the whole
 * task), in one statement per request: no design keeping those undercuts it.
 */
const AT_ONCE = 'the HTTP floor answering the contract in one statement per request'

/**
 * Issue 17's dispatch targets, against the HTTP floor of the same round (a bare Fastify
 * process whose two routes run only the raw claim and the raw completing UPDATE): at least
 * 60% of its rate at 8 operators and 50% at 40, and `next` p99 at 40 within 1.5× of its own.
 */
export function floorTargets(rounds: OperatorsResult[][]): Target[] {
  const at = (operators: number) =>
    rounds
      .map((round) => round.find((r) => r.operators === operators))
      .filter((r): r is OperatorsResult => r !== undefined)
  const share = (r: OperatorsResult) => r.tessera.cycles.rate / r.httpFloor.cycles.rate
  const targets: Target[] = []
  for (const [operators, least] of [
    [8, 0.6],
    [40, 0.5],
  ] as const) {
    const measured = at(operators)
    if (measured.length > 0) {
      targets.push({
        target: `next + complete at ${operators} operators ≥ ${percent(least)} of the HTTP floor`,
        rounds: measured.map(share),
        meets: (value) => value >= least,
        show: percent,
        ceiling: {
          what: AT_ONCE,
          rounds: measured.map((r) => r.atOnceFloor.cycles.rate / r.httpFloor.cycles.rate),
        },
      })
    }
  }
  const forty = at(40)
  if (forty.length > 0) {
    targets.push({
      target: '`next` p99 at 40 operators ≤ 1.5× the floor’s',
      rounds: forty.map((r) => r.tessera.claim.p99 / r.httpFloor.claim.p99),
      meets: (value) => value <= 1.5,
      show: times,
      ceiling: {
        what: AT_ONCE,
        rounds: forty.map((r) => r.atOnceFloor.claim.p99 / r.httpFloor.claim.p99),
      },
    })
  }
  return targets
}
