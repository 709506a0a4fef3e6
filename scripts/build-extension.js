import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

/**
 * Builds the browser extension into extension/dist, the folder to load unpacked in
 * Chromium: one script per entry point (the SDK and its dependencies bundled in, since an
 * extension loads no modules from node_modules), the manifest and the pages beside them.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const EXTENSION = join(ROOT, 'extension')
const OUT = join(EXTENSION, 'dist')

rmSync(OUT, { recursive: true, force: true })
mkdirSync(OUT, { recursive: true })

await build({
  entryPoints: ['background', 'content', 'options', 'player-page'].map((name) =>
    join(EXTENSION, 'src', `${name}.ts`),
  ),
  outdir: OUT,
  bundle: true,
  // Content scripts are classic scripts; one format for every entry keeps the manifest plain.
  format: 'iife',
  target: 'chrome116',
  platform: 'browser',
  charset: 'utf8',
  logLevel: 'warning',
})

copyFileSync(join(EXTENSION, 'manifest.json'), join(OUT, 'manifest.json'))
for (const page of readdirSync(join(EXTENSION, 'pages'))) {
  copyFileSync(join(EXTENSION, 'pages', page), join(OUT, page))
}
console.log(`extension built in ${OUT}`)
