import { spawnSync } from 'node:child_process'
import { GENERATED_FILES, ROOT, writeSdkFiles } from './sdk-files'

// `npm run check:sdk` (CI): the committed OpenAPI document and SDK types must be what the
// current route schemas generate, so the SDK never silently drifts from the server.

function git(args: string[]): { status: number | null; output: string } {
  const result = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' })
  if (result.error) {
    throw new Error(`check:sdk needs git to compare with the committed files: ${result.error}`)
  }
  return { status: result.status, output: result.stdout + result.stderr }
}

await writeSdkFiles()
const untracked = GENERATED_FILES.filter(
  (file) => git(['ls-files', '--error-unmatch', '--', file]).status !== 0,
)
const diff = git(['diff', '--exit-code', '--stat', '--', ...GENERATED_FILES])
if (untracked.length > 0 || diff.status !== 0) {
  console.error(diff.output)
  for (const file of untracked) {
    console.error(`${file} is not committed`)
  }
  console.error(
    'The SDK is out of date with the API: run `npm run gen:sdk` and commit sdk/openapi.json and sdk/src/schema.d.ts.',
  )
  process.exit(1)
}
console.log('sdk/openapi.json and sdk/src/schema.d.ts match the API.')
