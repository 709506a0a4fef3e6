import { describe, expect, it } from 'vitest'
import { openableUrl } from './player'
import { normalizeServerUrl } from './settings'

describe('normalizeServerUrl', () => {
  it('keeps the server address without /api/v1, trailing slashes, query or fragment', () => {
    expect(normalizeServerUrl(' http://127.0.0.1:3000/ ')).toBe('http://127.0.0.1:3000')
    expect(normalizeServerUrl('https://ops.example.com/tessera/api/v1/')).toBe(
      'https://ops.example.com/tessera',
    )
    expect(normalizeServerUrl('https://ops.example.com/?x=1#y')).toBe('https://ops.example.com')
  })

  it('refuses what is not an http(s) address', () => {
    expect(normalizeServerUrl('tessera.example.com')).toBeNull()
    expect(normalizeServerUrl('ftp://example.com')).toBeNull()
    expect(normalizeServerUrl('')).toBeNull()
  })
})

describe('openableUrl', () => {
  it('opens http(s) pages only', () => {
    expect(openableUrl('https://bo.example.com/claims/1')).toBe('https://bo.example.com/claims/1')
    expect(openableUrl('javascript:alert(1)')).toBeNull()
    expect(openableUrl('file:///etc/passwd')).toBeNull()
    expect(openableUrl('/relative')).toBeNull()
    expect(openableUrl(42)).toBeNull()
  })
})
