import { describe, expect, it } from 'vitest'
import { foldText, matchedSpans, searchWords } from '../../../src/core/search/match-snippets'
import { definition } from '../test/field-fixtures'
import { searchMatches } from './search-match'

const marked = (text: string, ranges: [number, number][]) =>
  ranges.map(([start, end]) => text.slice(start, end))

describe('search matches', () => {
  it('fold accents and case as the server does', () => {
    expect(foldText('Müller Straße ŒUVRE')).toBe('muller strasse oeuvre')
    expect(searchWords('  Damage, WATER zx-8 ')).toEqual(['damage', 'water', 'zx', '8'])
  })

  it('mark each word that starts with a query word, in any order', () => {
    const text = 'Water damage in the espresso room'
    expect(marked(text, matchedSpans(text, searchWords('damage water')))).toEqual([
      'Water',
      'damage',
    ])
    expect(marked(text, matchedSpans(text, searchWords('espr')))).toEqual(['espr'])
    // Inside a word is no match.
    expect(matchedSpans(text, ['ater'])).toEqual([])
  })

  it('mark the original letters of an accented match', () => {
    const text = 'Frau Müller-Lüdenscheidt'
    expect(marked(text, matchedSpans(text, searchWords('muller ludensch')))).toEqual([
      'Müller',
      'Lüdensch',
    ])
    expect(marked('Straße 5', matchedSpans('Straße 5', ['strass']))).toEqual(['Straß'])
  })

  it('list the matched fields, title first, by label, with a snippet', () => {
    const long = `${'x '.repeat(60)}customer Müller called twice ${'y '.repeat(80)}`
    const matches = searchMatches(
      { title: 'Broken espresso machine', customer: 'Anna Müller', notes: long, amount: 3 },
      'muller espresso',
      [definition('customer', 'text', { label: 'Customer' })],
    )
    expect(matches.map((match) => [match.key, match.label])).toEqual([
      ['title', 'Title'],
      ['customer', 'Customer'],
      ['notes', 'notes'],
    ])
    const notes = matches[2]
    expect(notes?.snippet.startsWith('…')).toBe(true)
    expect(notes?.snippet.length).toBeLessThanOrEqual(122)
    expect(marked(notes?.snippet ?? '', notes?.highlights ?? [])).toEqual(['Müller'])
  })

  it('find nothing to show for a query without words', () => {
    expect(searchMatches({ title: 'Anything' }, ' %% ', [])).toEqual([])
  })
})
