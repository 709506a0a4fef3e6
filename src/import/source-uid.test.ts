import { describe, expect, it } from 'vitest'
import { uidFromSourceId } from './source-uid'

describe('uidFromSourceId', () => {
  it("derives the uid Fragment's ID-mapping guide derives (MD5 of the key read as a UUID)", () => {
    // python3 -c 'import hashlib,uuid; print(uuid.UUID(hashlib.md5(b"ticket#ID#123").hexdigest()))'
    expect(uidFromSourceId('ticket', '123')).toBe('c6951f29-e70d-04c9-3733-50f90b248db2')
    expect(uidFromSourceId('ticket', '123')).toBe(uidFromSourceId('ticket', '123'))
    expect(uidFromSourceId('ticket', '124')).not.toBe(uidFromSourceId('ticket', '123'))
    expect(uidFromSourceId('claim', '123')).not.toBe(uidFromSourceId('ticket', '123'))
  })
})
