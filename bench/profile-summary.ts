import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

// `npx tsx bench/profile-summary.ts FILE.cpuprofile [--top N] [--first S | --last S]`: where a server
// profile written by `npm run bench -- --cpu-prof DIR` spent its time, by function and by
// package; --first or --last keeps only the first or final S seconds of the samples (one
// phase of a benchmark, not the seeding before it).

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

/** A file URL shortened to the package (node_modules/x) or the project path it belongs to. */
function where(url: string): string {
  if (!url) {
    return '(native)'
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pkg?.[1]) {
    return pkg[1]
  }
  if (url.startsWith('node:')) {
    return url
  }
  const project = /\/(src|bench|test)\/(.*)$/.exec(url)
  return project ? `${project[1]}/${project[2]}` : url
}

function top(map: Map<string, number>, total: number, n: number): string {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`)
    .join('\n')
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    top: { type: 'string', default: '25' },
    first: { type: 'string' },
    last: { type: 'string' },
  },
})
const n = Number(values.top)
const seconds = (value: string | undefined) =>
  value === undefined ? Number.POSITIVE_INFINITY : Number(value) * 1e6
const firstUs = seconds(values.first)
const lastUs = seconds(values.last)
for (const file of positionals) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) {
      parent.set(child, node.id)
    }
  }
  const name = (node: ProfileNode) =>
    `${node.callFrame.functionName || '(anonymous)'} ${where(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`
  const inclusive = new Map<string, number>()
  const selfByFunction = new Map<string, number>()
  const selfByPlace = new Map<string, number>()
  let total = 0
  const endUs = profile.timeDeltas.reduce((sum, delta) => sum + delta, 0)
  let atUs = 0
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)
    const us = profile.timeDeltas[i] ?? 0
    atUs += us
    if (!node || atUs > firstUs || endUs - atUs > lastUs) {
      return
    }
    total += us
    const frame = node.callFrame
    const place = where(frame.url)
    const fn = name(node)
    // Each function once per sample, however deep the recursion.
    const seen = new Set<string>()
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const ancestor = byId.get(id)
      if (ancestor && !seen.has(name(ancestor))) {
        seen.add(name(ancestor))
        inclusive.set(name(ancestor), (inclusive.get(name(ancestor)) ?? 0) + us)
      }
    }
    selfByFunction.set(fn, (selfByFunction.get(fn) ?? 0) + us)
    selfByPlace.set(place, (selfByPlace.get(place) ?? 0) + us)
  })
  process.stdout.write(
    `${file}: ${(total / 1e6).toFixed(1)} s sampled\n\nself time by package or file:\n${top(selfByPlace, total, n)}\n\nself time by function:\n${top(selfByFunction, total, n)}\n\ntotal time (with callees) by function:\n${top(inclusive, total, n)}\n\n`,
  )
}
