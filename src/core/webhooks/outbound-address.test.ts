import { describe, expect, it } from 'vitest'
import { AppError } from '../../contract/errors'
import { assertPublicTarget, literalAddress, refusedAddress } from './outbound-address'

describe('refusedAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fd00::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'linkLocal'],
  ])('refuses %s (%s)', (address, range) => {
    expect(refusedAddress(address)).toBe(range)
  })

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'])(
    'allows the public address %s',
    (address) => {
      expect(refusedAddress(address)).toBeNull()
    },
  )
})

describe('literalAddress', () => {
  it('finds addresses written in the URL, and only those', () => {
    expect(literalAddress('http://10.0.0.5:8080/hook')).toBe('10.0.0.5')
    expect(literalAddress('https://[::1]/hook')).toBe('::1')
    expect(literalAddress('http://[::ffff:7f00:1]/')).toBe('::ffff:7f00:1')
    // WHATWG URL parsing turns other spellings of an IPv4 address into the dotted form.
    expect(literalAddress('http://2130706433/')).toBe('127.0.0.1')
    expect(literalAddress('http://0x7f.1/')).toBe('127.0.0.1')
    expect(literalAddress('https://hooks.example.com/x')).toBeNull()
    expect(literalAddress('not a url')).toBeNull()
  })
})

describe('assertPublicTarget', () => {
  it('refuses a private literal with a 422 naming the field, unless private targets are allowed', () => {
    expect(() => assertPublicTarget('http://127.0.0.1:9/x', false)).toThrow(AppError)
    try {
      assertPublicTarget('http://[fd00::1]/x', false, '/body/url')
    } catch (error) {
      expect((error as AppError).fields).toEqual([
        { path: '/body/url', message: expect.stringContaining('fd00::1 is a uniqueLocal address') },
      ])
    }
    expect(() => assertPublicTarget('http://127.0.0.1:9/x', true)).not.toThrow()
    expect(() => assertPublicTarget('https://hooks.example.com/x', false)).not.toThrow()
    expect(() => assertPublicTarget('http://93.184.216.34/x', false)).not.toThrow()
  })
})
