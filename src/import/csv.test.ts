import { describe, expect, it } from 'vitest'
import { parseCsv } from './csv'

describe('parseCsv', () => {
  it('reads quoted cells with delimiters, doubled quotes and line breaks, numbering rows as a spreadsheet does', () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines",\n\n3,z,last'
    expect([...parseCsv(text)]).toEqual([
      { row: 1, cells: ['a', 'b', 'c'] },
      { row: 2, cells: ['1', 'x, y', 'say "hi"'] },
      { row: 3, cells: ['2', 'two\nlines', ''] },
      { row: 6, cells: ['3', 'z', 'last'] },
    ])
  })

  it('takes another delimiter', () => {
    expect([...parseCsv('a;b\n1;"2;3"\n', ';')]).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['1', '2;3'] },
    ])
  })

  it('ends with an error at the row where a quote is never closed', () => {
    expect([...parseCsv('a,b\n1,2\n3,"open\n4,5\n')]).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['1', '2'] },
      { row: 3, error: 'a quoted cell is never closed' },
    ])
  })

  it('keeps a trailing empty cell', () => {
    expect([...parseCsv('a,b\n1,')]).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['1', ''] },
    ])
  })
})
