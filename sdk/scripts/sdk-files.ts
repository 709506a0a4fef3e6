import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript'
import { buildOpenApiDocument } from './build-document'

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** The generated files, relative to the repository root; both are committed. */
export const GENERATED_FILES = ['sdk/openapi.json', 'sdk/src/schema.d.ts'] as const

/** Formats a JSON file as Biome (the repository's formatter) would, so `npm run lint` agrees. */
function formatWithBiome(path: string): void {
  const result = spawnSync(
    join(ROOT, 'node_modules', '.bin', 'biome'),
    // An ignored file is left as written instead of failing the run.
    ['format', '--write', '--no-errors-on-unmatched', relative(ROOT, path)],
    { cwd: ROOT, encoding: 'utf8' },
  )
  if (result.status !== 0) {
    throw new Error(`biome format failed on ${path}:\n${result.stdout}${result.stderr}`)
  }
}

/**
 * Regenerates the SDK's committed artefacts from the server's route schemas: the OpenAPI
 * document (`sdk/openapi.json`) and the TypeScript types (`sdk/src/schema.d.ts`).
 * Running it twice writes the same bytes.
 *
 * @returns the paths written, relative to the repository root
 */
export async function writeSdkFiles(): Promise<string[]> {
  const document = await buildOpenApiDocument()
  const [documentFile, typesFile] = GENERATED_FILES.map((file) => join(ROOT, file)) as [
    string,
    string,
  ]
  writeFileSync(documentFile, `${JSON.stringify(document, null, 2)}\n`)
  formatWithBiome(documentFile)

  const ast = await openapiTS(document as unknown as OpenAPI3, {
    // A default (limit: 100) says what the server assumes, not that a client must send it.
    defaultNonNullable: false,
    silent: true,
  })
  writeFileSync(typesFile, COMMENT_HEADER + astToString(ast))
  return [...GENERATED_FILES]
}
