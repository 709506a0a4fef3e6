import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { sectionProblems } from './readme-section'

describe('the benchmarks README', () => {
  it('has every section opened and closed once, none inside another', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8')
    expect(sectionProblems(readme)).toEqual([])
  })
})

describe('sectionProblems', () => {
  const section = (name: string, body = 'figures') =>
    `<!-- section:${name} -->\n${body}\n<!-- /section:${name} -->`

  it('accepts sections one after another, and other markers inside them', () => {
    const text = [
      section('api', '<!-- engine:pglite -->\nrows\n<!-- /engine:pglite -->'),
      section('scale'),
    ]
    expect(sectionProblems(text.join('\n\n'))).toEqual([])
  })

  it('names a section closed without being opened, as a cut that went too far leaves it', () => {
    const text = `<!-- section:import -->\nfigures\n\nmore figures\n<!-- /section:scale -->`
    expect(sectionProblems(text)).toEqual([
      '<!-- /section:scale --> closes <!-- section:import -->',
    ])
    expect(sectionProblems('text\n<!-- /section:scale -->')).toEqual([
      '<!-- /section:scale --> closes no section',
    ])
  })

  it('names a section opened inside another, opened twice, or never closed', () => {
    expect(sectionProblems(`<!-- section:a -->\n${section('b')}\n<!-- /section:a -->`)).toContain(
      '<!-- section:b --> opens inside <!-- section:a -->',
    )
    expect(sectionProblems(`${section('a')}\n${section('a')}`)).toEqual([
      '<!-- section:a --> opens a second time',
    ])
    expect(sectionProblems(`${section('a')}\n<!-- section:b -->\ntext`)).toEqual([
      '<!-- section:b --> is never closed',
    ])
  })
})
