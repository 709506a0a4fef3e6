import { setTimeout as sleep } from 'node:timers/promises'

/** One `event: tasks` of the live stream. */
export interface TaskChange {
  task_uids: string[]
  types: string[]
}

/** A client of `GET /live` that keeps every event it receives. */
export class LiveStream {
  readonly events: TaskChange[] = []
  /** Set when the server ended the stream (or close() aborted it). */
  ended = false
  private buffer = ''
  private connected = false
  private readonly controller = new AbortController()

  /** Opens the stream and waits until the server has subscribed it. */
  static async open(baseUrl: string, token: string): Promise<LiveStream> {
    const stream = new LiveStream()
    const res = await fetch(new URL('/api/v1/live', baseUrl), {
      headers: { authorization: `Bearer ${token}` },
      signal: stream.controller.signal,
    })
    if (res.status !== 200 || !res.body) {
      throw new Error(`GET /live answered ${res.status}: ${await res.text()}`)
    }
    void stream.read(res.body)
    // The server subscribes before it writes this comment: events after it are ours.
    while (!stream.connected) {
      if (stream.ended) {
        throw new Error('the live stream ended before it said it was connected')
      }
      await sleep(20)
    }
    return stream
  }

  /** Uids that arrived in an event of `type`. */
  uidsOf(type: string): Set<string> {
    return new Set(this.events.filter((c) => c.types.includes(type)).flatMap((c) => c.task_uids))
  }

  /** Resolves once an event about task `uid` has arrived; throws if the stream ends first. */
  async waitFor(uid: string): Promise<void> {
    while (!this.events.some((event) => event.task_uids.includes(uid))) {
      if (this.ended) {
        throw new Error(`the live stream ended before an event about ${uid}`)
      }
      await sleep(20)
    }
  }

  close(): void {
    this.controller.abort()
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder()
    try {
      for await (const chunk of body) {
        this.buffer += decoder.decode(chunk, { stream: true })
        let end = this.buffer.indexOf('\n\n')
        while (end >= 0) {
          this.take(this.buffer.slice(0, end))
          this.buffer = this.buffer.slice(end + 2)
          end = this.buffer.indexOf('\n\n')
        }
      }
    } catch {
      // Aborted by close(), or the connection dropped: `ended` says so.
    }
    this.ended = true
  }

  private take(block: string): void {
    if (block === ': connected') {
      this.connected = true
    }
    const data = /^event: tasks\ndata: (.*)$/s.exec(block)?.[1]
    if (data) {
      this.events.push(JSON.parse(data) as TaskChange)
    }
  }
}

/** {@link LiveStream.open}. */
export function openLiveStream(baseUrl: string, token: string): Promise<LiveStream> {
  return LiveStream.open(baseUrl, token)
}
