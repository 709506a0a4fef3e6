import { describe, expect, it } from 'vitest'
import { resolveField } from './resolve-field'

describe('resolveField', () => {
  it('resolves native columns by exact name', () => {
    expect(resolveField('queue_uid')).toEqual({
      kind: 'native',
      name: 'queue_uid',
      type: 'uuid',
      nullable: true,
    })
    expect(resolveField('skills')).toMatchObject({ kind: 'native', type: 'skills' })
  })

  it('treats title, url and every other name as a custom field', () => {
    expect(resolveField('title')).toEqual({ kind: 'custom', key: 'title' })
    expect(resolveField('Status')).toEqual({ kind: 'custom', key: 'Status' })
    expect(resolveField('constructor')).toEqual({ kind: 'custom', key: 'constructor' })
  })

  it('reads fields.<key> as a custom key, taken verbatim', () => {
    expect(resolveField('fields.status')).toEqual({ kind: 'custom', key: 'status' })
    expect(resolveField('fields.a.b')).toEqual({ kind: 'custom', key: 'a.b' })
    expect(resolveField('fields.fields.x')).toEqual({ kind: 'custom', key: 'fields.x' })
  })
})
