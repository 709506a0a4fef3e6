import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { uidFromSourceId } from './source-uid'

describe('uidFromSourceId', () => {
  it("derives the uid Fragment's ID-mapping guide derives (MD5 of the key read as a UUID)", () => {
    // python3 -c 'import hashlib,uuid; print(uuid.UUID(hashlib.md5(b"ticket#ID#123").hexdigest()))'
    expect(uidFromSourceId('ticket', '123')).toBe('c6951f29-e70d-04c9-3733-50f90b248db2')
    expect(uidFromSourceId('ticket', '124')).not.toBe(uidFromSourceId('ticket', '123'))
    expect(uidFromSourceId('claim', '123')).not.toBe(uidFromSourceId('ticket', '123'))
  })

  it('hashes the key as UTF-8, across MD5 block sizes, as node:crypto does', () => {
    for (const id of ['', 'x'.repeat(47), 'x'.repeat(48), 'x'.repeat(1000), 'Müller 東京 🙂']) {
      const hex = createHash('md5').update(`ns#ID#${id}`, 'utf8').digest('hex')
      expect(uidFromSourceId('ns', id).replaceAll('-', '')).toBe(hex)
    }
  })
})
