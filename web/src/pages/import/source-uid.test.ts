import { describe, expect, it } from 'vitest'
import { md5Hex, uidFromSourceId } from './source-uid'

describe("the browser's uid derivation", () => {
  it("is MD5: the RFC 1321 test suite, and Python hashlib's digests across block sizes and UTF-8", () => {
    const encode = (text: string) => new TextEncoder().encode(text)
    expect(md5Hex(encode(''))).toBe('d41d8cd98f00b204e9800998ecf8427e')
    expect(md5Hex(encode('abc'))).toBe('900150983cd24fb0d6963f7d28e17f72')
    expect(
      md5Hex(
        encode('12345678901234567890123456789012345678901234567890123456789012345678901234567890'),
      ),
    ).toBe('57edf4a22be3c955ac49da2e2107b67a')
    // Padding edges (55, 56, 64 bytes), several blocks, and multi-byte UTF-8, from Python's hashlib.
    const known: [string, string][] = [
      ['x'.repeat(55), '04364420e25c512fd958a70738aa8f72'],
      ['x'.repeat(56), '668a72d5ba17f08e62dabcafad6db14b'],
      ['x'.repeat(64), 'c1bb4f81d892b2d57947682aeb252456'],
      ['x'.repeat(1000), '398533d48111e9f664b1f64cb10c4b63'],
      ['Müller #ID# 東京 🙂', 'e68be66082abedea8150f292dd99991e'],
    ]
    for (const [text, digest] of known) {
      expect(md5Hex(encode(text))).toBe(digest)
    }
  })

  it('gives the uid `tessera import` gives', () => {
    // python3 -c 'import hashlib,uuid; print(uuid.UUID(hashlib.md5(b"ticket#ID#123").hexdigest()))'
    expect(uidFromSourceId('ticket', '123')).toBe('c6951f29-e70d-04c9-3733-50f90b248db2')
  })
})
