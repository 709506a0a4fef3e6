import { EventEmitter } from 'node:events'
import { serialize } from 'pg-protocol'
import type { BackendMessage, NotificationResponseMessage } from 'pg-protocol/dist/messages'
import { Parser } from 'pg-protocol/dist/parser'
import type { PgliteThread } from './pglite-thread'

// Arguments of node-postgres's Connection methods, as pg-protocol's serializer takes them.
type Serializer = typeof serialize
type Arg<K extends keyof Serializer> = Parameters<Serializer[K]>[0]

/**
 * What node-postgres's `Client` asks of its connection, answered by PGlite on its own thread:
 * the messages of one call (a statement's Parse, Bind, Describe, Execute and Sync) go to the
 * engine together, and its reply is parsed by node-postgres's own protocol parser. The
 * client's `startup` and authentication have nothing to do: PGlite has one session, open.
 *
 * The session pool (pglite-session-pool.ts) keeps one client on it for the database's life:
 * the statements it prepares stay prepared in the one session, as `parsedStatements` records.
 */
export class PgliteConnection extends EventEmitter {
  /** Read by pg's Client.end(), which skips `end()` without it. */
  _connecting = false
  /**
   * What pg asks of a socket: Client.end() destroys the stream of a connection with a query
   * under way, and a transaction corks it to send BEGIN with its first statement, which
   * then reach the engine together.
   */
  readonly stream = {
    destroy: () => this.end(),
    cork: () => {
      this.#corked += 1
    },
    uncork: () => {
      this.#corked -= 1
      if (this.#corked === 0 && this.#unsent.length > 0) {
        this.#flushUnsent()
      }
    },
  }
  readonly parsedStatements: Record<string, string> = {}
  readonly submittedNamedStatements: Record<string, string> = {}

  readonly #thread: PgliteThread
  readonly #onNotification: (message: NotificationResponseMessage) => void
  readonly #parser = new Parser()
  /** Messages written since the last send: they leave together at the next Sync or Flush. */
  #unsent: Buffer[] = []
  /** Settles when every reply sent for so far has been handed to the client. */
  #replied: Promise<void> = Promise.resolve()
  #emitMessage = false
  #corked = 0

  constructor(
    thread: PgliteThread,
    onNotification: (message: NotificationResponseMessage) => void,
  ) {
    super()
    this.#thread = thread
    this.#onNotification = onNotification
    this.on('newListener', (event) => {
      if (event === 'message') {
        this.#emitMessage = true
      }
    })
  }

  connect(): void {
    this._connecting = true
    process.nextTick(() => this.emit('readyForQuery'))
  }

  requestSsl(): void {}
  startup(): void {}
  cancel(): void {}
  password(): void {}
  ref(): void {}
  unref(): void {}

  sendSASLInitialResponseMessage(mechanism: string, initialResponse: string): void {
    this.#send(serialize.sendSASLInitialResponseMessage(mechanism, initialResponse))
  }

  sendSCRAMClientFinalMessage(additionalData: string): void {
    this.#send(serialize.sendSCRAMClientFinalMessage(additionalData))
  }

  query(text: string): void {
    this.#send(serialize.query(text))
  }

  parse(query: Arg<'parse'>): void {
    this.#unsent.push(serialize.parse(query))
  }

  bind(config: Arg<'bind'>): void {
    this.#unsent.push(serialize.bind(config))
  }

  describe(message: Arg<'describe'>): void {
    this.#unsent.push(serialize.describe(message))
  }

  execute(config: Arg<'execute'>): void {
    this.#unsent.push(serialize.execute(config))
  }

  close(message: Arg<'close'>): void {
    this.#unsent.push(serialize.close(message))
  }

  flush(): void {
    this.#send(serialize.flush())
  }

  sync(): void {
    this.#send(serialize.sync())
  }

  sendCopyFromChunk(chunk: Buffer): void {
    this.#send(serialize.copyData(chunk))
  }

  endCopyFrom(): void {
    this.#send(serialize.copyDone())
  }

  sendCopyFail(message: string): void {
    this.#send(serialize.copyFail(message))
  }

  /**
   * Like a socket closing: the client waits for 'end', which follows the replies still due.
   * The engine itself is closed by its owner (pglite-thread.ts); the client's listeners go.
   */
  end(): void {
    this.#replied = this.#replied.then(() => {
      this.emit('end')
    })
    for (const event of this.eventNames()) {
      if (event !== 'newListener') {
        this.removeAllListeners(event)
      }
    }
    this.#emitMessage = false
  }

  #send(last: Buffer): void {
    this.#unsent.push(last)
    if (this.#corked === 0) {
      this.#flushUnsent()
    }
  }

  #flushUnsent(): void {
    const bytes = Buffer.concat(this.#unsent)
    this.#unsent = []
    const reply = this.#thread.exec(bytes)
    // Its failure is handled below, in turn; until then it must not count as unhandled.
    reply.catch(() => {})
    this.#replied = this.#replied
      .then(() => reply)
      .then(
        (answer) => this.#hand(answer),
        (error: Error) => {
          this.emit('error', error)
        },
      )
  }

  #hand(reply: Uint8Array): void {
    this.#parser.parse(Buffer.from(reply.buffer, reply.byteOffset, reply.byteLength), (message) =>
      this.#emit(message),
    )
  }

  #emit(message: BackendMessage): void {
    if (message.name === 'notification') {
      this.#onNotification(message as NotificationResponseMessage)
    }
    if (this.#emitMessage) {
      this.emit('message', message)
    }
    // node-postgres's own connection names an ErrorResponse 'errorMessage'.
    this.emit(message.name === 'error' ? 'errorMessage' : message.name, message)
  }
}
