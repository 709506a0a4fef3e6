import type { HttpClient, HttpResponse } from '../http-client'
import { COUNTRIES, makeTask } from '../task-data'
import type { Request } from './open-loop'

const API = '/api/v1'

/** Requests per hundred, in the order they are interleaved. */
const MIX = {
  create: 10,
  batch: 2,
  get: 25,
  list: 10,
  patch: 13,
  player: 40,
} as const

export type RequestKind = keyof typeof MIX

/** Tasks per batch request. */
const BATCH = 5

/** An operator at work: one call at a time, `next` then `complete`. */
interface Operator {
  http: HttpClient
  busy: boolean
  holding: string | null
}

/** Spreads the kinds evenly over a hundred slots, so every second sees the whole mix. */
function interleave(): RequestKind[] {
  const slots: { kind: RequestKind; position: number }[] = []
  for (const [kind, count] of Object.entries(MIX) as [RequestKind, number][]) {
    for (let i = 0; i < count; i++) {
      slots.push({ kind, position: (i + 0.5) / count })
    }
  }
  return slots.sort((a, b) => a.position - b.position).map((slot) => slot.kind)
}

/**
 * The soak's traffic: a back-office system creating (one by one and in small batches),
 * reading, listing and editing tasks, and operators playing the queue. At 200 requests a
 * second, creation adds about 40 tasks a second and the operators finish about as many, so
 * the backlog stays level while the table grows; lists ask for open tasks of one country.
 */
export class MixedLoad {
  private readonly kinds = interleave()
  private readonly operators: Operator[]
  /** Recently created uids, to read and edit. */
  private readonly known: string[] = []
  private nextOperator = 0
  /** Player turns that found every operator still waiting for an answer. */
  busyTurns = 0
  readonly counts = Object.fromEntries(Object.keys(MIX).map((k) => [k, 0])) as Record<
    RequestKind,
    number
  >

  constructor(
    private readonly system: HttpClient,
    operators: HttpClient[],
    seedUids: string[],
  ) {
    this.operators = operators.map((http) => ({ http, busy: false, holding: null }))
    this.known.push(...seedUids.slice(-5000))
  }

  /** Forgets the counts so far (of the warm-up). */
  resetCounts(): void {
    for (const kind of Object.keys(this.counts) as RequestKind[]) {
      this.counts[kind] = 0
    }
    this.busyTurns = 0
  }

  /** The request for slot `n`. */
  request(n: number): Request {
    const kind = this.kinds[n % this.kinds.length] as RequestKind
    this.counts[kind]++
    switch (kind) {
      case 'create':
        return () => this.create(n)
      case 'batch':
        return () => this.batch(n)
      case 'get':
        return () => this.expect200(this.system.request('GET', `${API}/tasks/${this.pick(n)}`))
      case 'list':
        return () =>
          this.expect200(
            this.system.request(
              'GET',
              `${API}/tasks?status=TODO&country=${COUNTRIES[n % COUNTRIES.length]}&limit=20`,
            ),
          )
      case 'patch':
        return () =>
          this.expect200(
            this.system.request(
              'PATCH',
              `${API}/tasks/${this.pick(n)}`,
              JSON.stringify({ fields: { amount: n % 100_000 } }),
            ),
          )
      case 'player':
        return this.play()
    }
  }

  private pick(n: number): string {
    // Mostly recent tasks, the ones a back office touches, with a tail of older ones.
    const recent = n % 4 !== 0
    const span = recent ? Math.min(200, this.known.length) : this.known.length
    return this.known[this.known.length - 1 - ((n * 7919) % span)] as string
  }

  private remember(uids: string[]): void {
    this.known.push(...uids)
    if (this.known.length > 20_000) {
      this.known.splice(0, this.known.length - 10_000)
    }
  }

  private async expect200(response: Promise<HttpResponse>): Promise<string | null> {
    return wrongAnswer(await response)
  }

  private async create(n: number): Promise<string | null> {
    const res = await this.system.request('POST', `${API}/tasks`, JSON.stringify(todo(n)))
    if (res.status === 200) {
      this.remember([(JSON.parse(res.body) as { uid: string }).uid])
    }
    return wrongAnswer(res)
  }

  private async batch(n: number): Promise<string | null> {
    const items = Array.from({ length: BATCH }, (_, i) => todo(n * BATCH + i))
    const res = await this.system.request('POST', `${API}/tasks/batch`, JSON.stringify({ items }))
    if (res.status !== 200) {
      return wrongAnswer(res)
    }
    const answer = JSON.parse(res.body) as { items: { status: number; uid: string }[] }
    this.remember(answer.items.map((item) => item.uid))
    return answer.items.every((item) => item.status === 200) ? null : `batch item: ${res.body}`
  }

  /** The next idle operator's move: `complete` if they hold a task, else `next`. */
  private play(): Request {
    const count = this.operators.length
    for (let i = 0; i < count; i++) {
      const operator = this.operators[(this.nextOperator + i) % count] as Operator
      if (!operator.busy) {
        this.nextOperator = (this.nextOperator + i + 1) % count
        operator.busy = true
        return () => this.move(operator).finally(() => (operator.busy = false))
      }
    }
    // Every operator is waiting for an answer: the turn goes to a read, and is counted.
    this.busyTurns++
    return () => this.expect200(this.system.request('GET', `${API}/player`))
  }

  private async move(operator: Operator): Promise<string | null> {
    if (operator.holding) {
      const body = JSON.stringify({ task_uid: operator.holding })
      const res = await operator.http.request('POST', `${API}/player/complete`, body)
      operator.holding = null
      return wrongAnswer(res, 'complete')
    }
    const res = await operator.http.request('POST', `${API}/player/next`, '{}')
    if (res.status === 200) {
      operator.holding =
        (JSON.parse(res.body) as { task: { uid: string } | null }).task?.uid ?? null
    }
    return wrongAnswer(res, 'next')
  }
}

/** Null for a 200, else the status and the start of the body. */
function wrongAnswer(res: HttpResponse, label = ''): string | null {
  return res.status === 200 ? null : `${label} ${res.status} ${res.body.slice(0, 300)}`.trim()
}

/** A new task for the queue. */
export function todo(n: number): ReturnType<typeof makeTask> {
  return { ...makeTask(n), status: 'TODO' }
}
