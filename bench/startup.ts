import { execFileSync, spawn } from 'node:child_process'
import os from 'node:os'
import { describeMachine } from './machine'
import { writeReadmeSection } from './readme-section'
import { BIN, timeCommand } from './startup/launch'
import {
  availableEngines,
  checkServer,
  type EngineFigures,
  type EngineTarget,
  measureEngine,
} from './startup/measure'
import { parseStartupOptions, type StartupOptions } from './startup/options'
import { pssMiB } from './startup/processes'
import { type CommandFigures, renderIdle, renderMachine, renderTimes } from './startup/report'

// `npm run bench:startup`: what starting Tessera costs, against the targets of issue 10.

/** How the build was chosen; measured by hand, so not rewritten by a run. */
const BUILD_NOTES = `### How the CLI is built, and why

\`npm run build\` (scripts/build.js) bundles \`src/\` with esbuild into one ES module,
\`dist/cli.js\` (about 270 KiB, 0.2–0.5 s to build), leaving the dependencies in
\`node_modules\`; \`bin/tessera.js\` runs it, and in a checkout rebuilds it first when a file in
\`src/\` is newer. Measured on this machine, quiet, \`tessera --help\`, user CPU:

| how the code runs | --help, CPU |
|---|---:|
| tsx, transpiling on every start (before) | 1.0–1.1 s (0.8–1.9 s wall) |
| our code bundled, dependencies from \`node_modules\` (chosen) | 0.36–0.42 s |
| everything bundled, dependencies too | 0.20–0.26 s |

Bundling the dependencies too would save another 0.15 s, but several of them find their own
files at run time (PGlite's WebAssembly and data files, the PostgreSQL binaries, pino's worker
transports, Swagger UI's assets, ioredis and @fastify/swagger read their \`package.json\` through
\`__dirname\`), which a bundle breaks in ways only some paths reveal. What \`--help\` still
pays is loading every dependency (Fastify, pg, PGlite, node-pg-migrate…) because every
command module imports them at the top. The build splits code loaded with \`await import()\`
into chunks: a prototype whose commands load their code that way printed \`--help\` with
0.07 s of CPU (0.58 s today, same busy machine).`

async function commandFigures(runs: number, progress: (step: string) => void) {
  // One unmeasured run: the first reads the files from disk, later ones from the page cache.
  await timeCommand(process.execPath, [BIN, '--help'])
  const times = async (command: string, args: string[]) => {
    const results = []
    for (let i = 0; i < runs; i += 1) {
      results.push(await timeCommand(command, args))
    }
    return results
  }
  progress("node -e ''")
  const floor = await times(process.execPath, ['-e', ''])
  progress('tessera --help')
  const help = await times(process.execPath, [BIN, '--help'])
  progress('npx tessera --help')
  const npxHelp = await times('npx', ['--no-install', 'tessera', '--help'])
  return { floor, help, npxHelp, nodePssMiB: await bareNodePss() }
}

/** The memory of a Node process that only waits: what any Node server starts from. */
async function bareNodePss(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
  await new Promise((resolve) => setTimeout(resolve, 1000))
  const pss = child.pid === undefined ? Number.NaN : pssMiB(child.pid)
  child.kill()
  return pss
}

/** The engines to measure, each with a line saying why when one is left out. */
async function chooseEngines(options: StartupOptions, note: (line: string) => void) {
  const offered = availableEngines()
  const chosen: EngineTarget[] = []
  for (const name of options.engines) {
    const target = offered.find((t) => t.name === name)
    if (!target) {
      note(`${name}: left out, this CLI has no such engine (\`tessera serve --help\`).`)
      continue
    }
    const unreachable = target.hasDataDir ? undefined : await checkServer(options.databaseUrl)
    if (unreachable) {
      note(`${name}: left out, no PostgreSQL server at --database-url (${unreachable}).`)
      continue
    }
    chosen.push(target)
  }
  return chosen
}

async function main(options: StartupOptions): Promise<void> {
  const machine = describeMachine()
  const date = new Date()
  const progress = (step: string) => process.stderr.write(`… ${step}\n`)
  execFileSync(process.execPath, ['scripts/build.js'], { stdio: 'inherit' })
  const notes: string[] = []
  const targets = await chooseEngines(options, (line) => {
    notes.push(line)
    progress(line)
  })
  const commands: CommandFigures = await commandFigures(options.runs, progress)
  const engines: EngineFigures[] = []
  for (const target of targets) {
    engines.push(
      await measureEngine(target, options, (step) => progress(`${target.name}: ${step}`)),
    )
  }
  machine.loadAtEnd = os.loadavg()[0]
  const labels = targets.map((t) => `- \`${t.name}\`: ${t.label}`).join('\n')
  const figures = [
    renderMachine(machine, date, options.runs),
    '',
    labels,
    ...(notes.length > 0 ? ['', ...notes.map((n) => `- ${n}`)] : []),
    '',
    '#### Time to exit, or to the first 200 on `/health` after spawning `tessera serve`',
    '',
    renderTimes(commands, engines),
    '',
    '#### An idle server',
    '',
    renderIdle(commands, engines, options.idleMs),
    '',
    'PSS (from /proc/<pid>/smaps_rollup) counts a page shared by several processes once, in',
    'shares, so the figures of the PostgreSQL processes add up; RSS summed would count their',
    'shared buffers once per process. On the postgres engine the database is another',
    "machine's business: only Tessera's own process is counted.",
  ].join('\n')
  process.stdout.write(`\n${figures}\n`)
  if (options.writeReadme) {
    writeReadmeSection('startup', renderSection(figures))
    process.stdout.write('\nWrote the startup section of bench/README.md\n')
  }
}

function renderSection(figures: string): string {
  return [
    '## Startup (`npm run bench:startup`)',
    '',
    '<!-- Written by `npm run bench:startup` (bench/startup.ts): edit that file, not this one. -->',
    '',
    'How long the built `tessera` takes to print its help, to issue a token, and to answer',
    '`/health` from a new and from an existing data directory, with several runs of each beside',
    "`node -e ''`, the floor of any Node command; and what an idle server costs in CPU and",
    'memory, with the database processes it owns, for each engine the CLI offers.',
    '',
    '```sh',
    'npm run bench:startup                          # ~5 minutes',
    'npm run bench:startup -- --runs 3 --idle 10s   # a quick look',
    'npm run bench:startup -- --help',
    '```',
    '',
    '### Latest figures',
    '',
    figures,
    '',
    BUILD_NOTES,
  ].join('\n')
}

main(parseStartupOptions(process.argv.slice(2))).catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
