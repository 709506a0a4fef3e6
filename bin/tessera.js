#!/usr/bin/env node
// Runs the built CLI (dist/cli.js). In a checkout, a build missing or older than the sources
// is made first (about half a second), so `npx tessera` never runs stale code; an installed
// package ships its build and no sources. TESSERA_DEV=1 runs the TypeScript sources through
// tsx instead, as `npm run dev` and `npm run tessera` do.
import { existsSync } from 'node:fs'

const sources = new URL('../src/cli/main.ts', import.meta.url)

if (process.env.TESSERA_DEV === '1') {
  const { register } = await import('tsx/esm/api')
  register()
  await import(sources.href)
} else {
  if (existsSync(sources)) {
    const { isBuildStale } = await import('../scripts/build-state.js')
    if (isBuildStale()) {
      if (process.stderr.isTTY) {
        process.stderr.write('tessera: building (the sources changed since the last build)…\n')
      }
      const { buildCli, exitAfterFailedBuild } = await import('../scripts/build.js')
      await buildCli().catch(exitAfterFailedBuild)
    }
  }
  // Stack traces name the TypeScript sources' lines.
  process.setSourceMapsEnabled(true)
  await import('../dist/cli.js')
}
