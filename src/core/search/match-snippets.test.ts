import { describe, expect, it } from 'vitest'
import { matchedSpans, matchSnippets, searchWords } from './match-snippets'

const highlighted = (match: { snippet: string; highlights: [number, number][] }) =>
  match.highlights.map(([start, end]) => match.snippet.slice(start, end))

describe('searchWords', () => {
  it('folds case, accents and punctuation the way the database does', () => {
    expect(searchWords('  Müller, AB-12 straße ana@Example.com ')).toEqual([
      'muller',
      'ab',
      '12',
      'strasse',
      'ana',
      'example',
      'com',
    ])
    expect(searchWords('%!')).toEqual([])
  })
})

describe('matchedSpans', () => {
  const marked = (text: string, words: string[]) =>
    matchedSpans(text, words).map(([start, end]) => text.slice(start, end))

  it('marks the original letters of a folded match, spelled-out letters included', () => {
    expect(marked('Frau Müller-Lüdenscheidt', searchWords('muller ludensch'))).toEqual([
      'Müller',
      'Lüdensch',
    ])
    expect(marked('Straße 5', ['strass'])).toEqual(['Straß'])
    expect(marked('ŒUVRE complète', searchWords('oeuvre compl'))).toEqual(['ŒUVRE', 'compl'])
    // Inside a word is no match.
    expect(marked('Water damage', ['ater'])).toEqual([])
  })
})

describe('matchSnippets', () => {
  it('finds words in any order, as prefixes, with the original spelling highlighted', () => {
    const [match] = matchSnippets({ title: 'Espresso machine broken' }, 'brok esp')
    expect(match?.field).toBe('title')
    expect(match && highlighted(match)).toEqual(['Esp', 'brok'])
  })

  it('maps an accent-free search back onto the accented text', () => {
    const [match] = matchSnippets({ title: 'x', customer: 'Jürgen Müller' }, 'muller')
    expect(match).toEqual({ field: 'customer', snippet: 'Jürgen Müller', highlights: [[7, 13]] })
  })

  it('lists the title first, then the other fields that matched', () => {
    const matches = matchSnippets(
      { note: 'water damage in kitchen', title: 'Water damage claim', ref: 'Z-1' },
      'damage water',
    )
    expect(matches.map((m) => m.field)).toEqual(['title', 'note'])
  })

  it('clips a long value around its first match', () => {
    const long = `${'lorem ipsum '.repeat(30)}needle ${'dolor '.repeat(30)}`
    const [match] = matchSnippets({ title: 't', body: long }, 'needle')
    expect(match?.snippet.length).toBeLessThanOrEqual(122)
    expect(match?.snippet.startsWith('…')).toBe(true)
    expect(match && highlighted(match)).toEqual(['needle'])
  })

  it('matches numbers and nested values as their text', () => {
    const matches = matchSnippets({ title: 't', amount: 1234, tags: ['vip', 'b2b'] }, '123 vip')
    expect(matches.map((m) => [m.field, m && highlighted(m)])).toEqual([
      ['amount', ['123']],
      ['tags', ['vip']],
    ])
  })
})
