import { describe, expect, it } from 'vitest'
import { formItemErrors, formKeys } from './form-rules'

const section = (...keys: string[]) => ({
  title: '',
  help_text: '',
  items: keys.map((key) => ({ key, required: false })),
})

describe('formItemErrors', () => {
  const known = new Set(['a', 'b', 'c'])

  it('accepts known keys, once each, across sections', () => {
    expect(formItemErrors([section('a', 'b'), section('c')], known)).toEqual([])
    expect(formKeys([section('a', 'b'), section('c')])).toEqual(['a', 'b', 'c'])
  })

  it('points at an unknown key and at a key repeated, wherever they are', () => {
    const errors = formItemErrors([section('a', 'zz'), section('b', 'a')], known)
    expect(errors).toEqual([
      { path: '/body/sections/0/items/1/key', message: expect.stringContaining('zz') },
      {
        path: '/body/sections/1/items/1/key',
        message: expect.stringContaining('/body/sections/0/items/0/key'),
      },
    ])
  })
})
