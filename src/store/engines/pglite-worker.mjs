// PGlite's own thread (see pglite-thread.ts): it opens the data directory and runs the
// wire-protocol messages it is sent, in order, answering each with the engine's reply.
// Plain JavaScript because Node loads a worker itself: neither tsx nor vitest transforms it.
import { parentPort, workerData } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'

if (!parentPort) {
  throw new Error('pglite-worker.mjs runs as a worker thread')
}
const port = parentPort

// Search folds accents with `unaccent` (migration 0011) and the field and tag indexes lead
// with org_uid through `btree_gin` (migration 0024); PGlite loads contrib extensions only
// when asked to. A failure here reaches the opener as the worker's 'error' event.
const lite = await PGlite.create({
  dataDir: workerData.dataDir,
  extensions: { unaccent, btree_gin },
})

/**
 * Runs protocol messages and answers the engine's reply, whole. Not `execProtocolRaw`: it
 * also parses the reply into messages and keeps them all, for the life of the engine (in
 * PGlite 0.5.16 only `execProtocol` empties that list), which grew this thread's heap by
 * several kilobytes per statement (1 GB in 150,000 reads). The stream variant hands over the
 * raw bytes and parses nothing: node-postgres parses them on the other side.
 */
async function execute(bytes) {
  const chunks = []
  await lite.execProtocolRawStream(bytes, {
    // A view into the engine's memory, reused for the next chunk: copied.
    onRawData: (chunk) => chunks.push(chunk.slice()),
  })
  if (chunks.length === 1) {
    return chunks[0]
  }
  // Not Buffer.concat: a small result comes out of Node's shared buffer pool, whose whole
  // ArrayBuffer the transfer to the other thread would take away.
  const reply = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.length, 0))
  let offset = 0
  for (const chunk of chunks) {
    reply.set(chunk, offset)
    offset += chunk.length
  }
  return reply
}

/** One message at a time, in the order sent: replies must come back in that order. */
let queue = Promise.resolve()

port.on('message', (message) => {
  queue = queue.then(async () => {
    if (message.type === 'close') {
      await lite.close()
      port.postMessage({ type: 'closed' })
      port.close()
      return
    }
    try {
      const reply = await execute(message.bytes)
      port.postMessage({ type: 'reply', bytes: reply }, [reply.buffer])
    } catch (error) {
      port.postMessage({ type: 'failed', message: String(error?.message ?? error) })
    }
  })
})

port.postMessage({ type: 'ready' })
