import { randomBytes } from 'node:crypto'

let lastMs = 0
let counter = 0

/**
 * A UUID version 7 (RFC 9562): the millisecond first, then a counter that keeps the uids this
 * process makes in the same millisecond in the order it made them (method 1 of the RFC), then
 * randomness. The audit log breaks ties between entries of the same millisecond by uid, so
 * two entries of one change read in the order they were written.
 */
export function timeOrderedUid(now: number = Date.now(), random: Uint8Array = randomBytes(16)) {
  if (now > lastMs) {
    lastMs = now
    counter = 0
  } else if (counter < 0xfff) {
    counter++
  } else {
    // 4,096 in one millisecond: borrow the next one rather than break the order.
    lastMs++
    counter = 0
  }
  const bytes = Buffer.from(random.slice(0, 16))
  bytes.writeUIntBE(lastMs, 0, 6)
  bytes[6] = 0x70 | (counter >> 8)
  bytes[7] = counter & 0xff
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f)
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
