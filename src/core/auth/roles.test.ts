import { describe, expect, it } from 'vitest'
import { hasRole } from './roles'

describe('hasRole', () => {
  it('lets each role do what the roles below it may', () => {
    expect(hasRole('super_admin', 'admin')).toBe(true)
    expect(hasRole('admin', 'operator')).toBe(true)
    expect(hasRole('operator', 'viewer')).toBe(true)
    expect(hasRole('viewer', 'viewer')).toBe(true)
  })

  it('refuses a role below the one needed', () => {
    expect(hasRole('viewer', 'operator')).toBe(false)
    expect(hasRole('operator', 'admin')).toBe(false)
    expect(hasRole('admin', 'super_admin')).toBe(false)
  })
})
