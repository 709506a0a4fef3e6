import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const README = join(dirname(fileURLToPath(import.meta.url)), 'README.md')

const HEADER = `# Benchmarks

<!-- Each benchmark rewrites only its own section (bench/readme-section.ts). -->

| command | measures |
|---|---|
| \`npm run bench\` | the Tasks API: batch ingest, single create, get by uid, filtered list (issue 2) |
| \`npm run bench:dispatch\` | the player: \`next\` + \`complete\` throughput and \`next\` latency (issue 3) |
| \`npm run bench:soak\` | 10 minutes of mixed load; bloat under a held xmin horizon (issue 5) |
`

/** The markers around a block (`<!-- marker -->` … `<!-- /marker -->`). */
function markers(marker: string): { start: string; end: string } {
  return { start: `<!-- ${marker} -->`, end: `<!-- /${marker} -->` }
}

const MARKER = /<!-- (\/?)([\w:-]+) -->/g

/**
 * What is wrong with the section markers of `text`: a section opened and not closed, closed
 * and not opened, opened twice, or opened inside another. A hand edit once cut three sections
 * out of the README and left the scale section without its opening marker; a run then would
 * have added a second scale section at the end instead of replacing the first.
 */
export function sectionProblems(text: string): string[] {
  const problems: string[] = []
  const seen = new Set<string>()
  let open: string | null = null
  for (const [, closing, name] of text.matchAll(MARKER)) {
    if (!name?.startsWith('section:')) {
      continue
    }
    if (closing) {
      if (open !== name) {
        problems.push(`<!-- /${name} --> closes ${open ? `<!-- ${open} -->` : 'no section'}`)
      }
      open = null
      continue
    }
    if (open) {
      problems.push(`<!-- ${name} --> opens inside <!-- ${open} -->`)
    }
    if (seen.has(name)) {
      problems.push(`<!-- ${name} --> opens a second time`)
    }
    seen.add(name)
    open = name
  }
  if (open) {
    problems.push(`<!-- ${open} --> is never closed`)
  }
  return problems
}

/** Where the block `marker` sits in `text`, end marker included, or null. */
function findBlock(text: string, marker: string): { from: number; to: number } | null {
  const { start, end } = markers(marker)
  const from = text.indexOf(start)
  const to = text.indexOf(end)
  return from >= 0 && to > from ? { from, to: to + end.length } : null
}

/**
 * Replaces the section `name` of bench/README.md with `markdown`, leaving the other
 * benchmarks' sections as they are, so each command can be run on its own.
 */
export function writeReadmeSection(name: string, markdown: string): void {
  const marker = `section:${name}`
  const { start, end } = markers(marker)
  const block = `${start}\n${markdown.trim()}\n${end}`
  const text = existsSync(README) ? readFileSync(README, 'utf8') : HEADER
  const problems = sectionProblems(text)
  if (problems.length > 0) {
    throw new Error(`bench/README.md needs mending by hand first: ${problems.join('; ')}`)
  }
  const found = findBlock(text, marker)
  const next = found
    ? `${text.slice(0, found.from)}${block}${text.slice(found.to)}`
    : `${text.trimEnd()}\n\n${block}\n`
  writeFileSync(README, next)
}

/**
 * The block marked `<!-- marker -->` … `<!-- /marker -->` in bench/README.md, markers
 * included, or null: what a run that did not measure something keeps of the last one that did.
 */
export function readReadmeBlock(marker: string): string | null {
  const text = existsSync(README) ? readFileSync(README, 'utf8') : ''
  const found = findBlock(text, marker)
  return found ? text.slice(found.from, found.to) : null
}
