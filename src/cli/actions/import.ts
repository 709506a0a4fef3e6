import { readFile } from 'node:fs/promises'
import { Type } from '@sinclair/typebox'
import { readImportDestination, readImportSource } from '../../config/import-settings'
import { readSetting } from '../../config/setting'
import { ApiClient, ApiError, ApiUnreachable } from '../../import/api-client'
import { importFragment } from '../../import/import-fragment'
import { importRows, type RowsImportResult } from '../../import/import-rows'
import type { ColumnMapping } from '../../import/mapping'
import { csvRows, jsonlRows, type SourceRows } from '../../import/source-rows'
import { CommandError } from '../command-error'
import { terminalProgress } from './import-progress'

/** Flags of `tessera import csv|jsonl`. */
export interface FileFlags {
  titleColumn?: string
  uidColumn?: string
  idColumn?: string
  dueColumn?: string
  statusColumn?: string
  urlColumn?: string
  idNamespace: string
  dryRun?: boolean
  apiUrl?: string
  token?: string
  batchSize?: string
  concurrency?: string
  delimiter?: string
}

/** Flags of `tessera import fragment`. */
export interface FragmentFlags {
  baseUrl?: string
  token?: string
  apiUrl?: string
  apiToken?: string
  archived?: boolean
  comments: boolean
  dryRun?: boolean
  pageSize?: string
  concurrency?: string
}

/** Exit status of an import that finished but refused some rows. */
const SOME_REFUSED = 2

/** `tessera import csv FILE`. */
export async function importCsv(file: string, flags: FileFlags): Promise<void> {
  const delimiter = flags.delimiter ?? ','
  if ([...delimiter].length !== 1 || delimiter === '"' || delimiter === '\n') {
    throw new CommandError(
      `--delimiter must be one character other than a quote or a line break, not ${JSON.stringify(delimiter)}.`,
    )
  }
  await importFile(file, flags, 'text', (text) => csvRows(text, delimiter))
}

/** `tessera import jsonl FILE`. */
export async function importJsonl(file: string, flags: FileFlags): Promise<void> {
  await importFile(file, flags, 'json', jsonlRows)
}

async function importFile(
  file: string,
  flags: FileFlags,
  values: 'text' | 'json',
  read: (text: string) => SourceRows,
): Promise<void> {
  const destination = readImportDestination(flags, '--token')
  const batchSize = readCount('--batch-size', flags.batchSize, 1000, 1000)
  const concurrency = readCount('--concurrency', flags.concurrency, 16, 2)
  const source = read(await readFile(file, 'utf8'))
  const chosen: Partial<ColumnMapping> = {
    title: flags.titleColumn,
    uid: flags.uidColumn,
    id: flags.idColumn,
    due: flags.dueColumn,
    status: flags.statusColumn,
    url: flags.urlColumn,
  }
  const client = new ApiClient(destination.apiUrl, destination.token)
  const startedAt = performance.now()
  const result = await speakingForApi(destination.apiUrl, 'the Tessera to import into', () =>
    importRows(source, {
      chosen: Object.fromEntries(Object.entries(chosen).filter(([, v]) => v !== undefined)),
      namespace: flags.idNamespace,
      values,
      client,
      dryRun: flags.dryRun === true,
      batchSize,
      concurrency,
      progress: terminalProgress(),
    }),
  )
  reportRows(result, flags.dryRun === true, performance.now() - startedAt)
}

function reportRows(result: RowsImportResult, dryRun: boolean, elapsedMs: number): void {
  const { mapping, tasks, problems } = result
  const columns = Object.entries(mapping)
    .map(([key, column]) => `${key} ← ${column}`)
    .join(', ')
  console.log(`Mapping: ${columns}; every other column is a custom field.`)
  for (const problem of problems) {
    const where = problem.column === null ? '' : `, column ${problem.column}`
    console.log(`row ${problem.row}${where}: ${problem.reason}.`)
  }
  for (const refusal of tasks.refused) {
    console.log(
      `row ${refusal.row} (task ${refusal.uid}): refused by the server: ${refusal.reason}.`,
    )
  }
  const refusedRows = new Set([...problems.map((p) => p.row), ...tasks.refused.map((r) => r.row)])
    .size
  const seconds = elapsedMs / 1000
  console.log(
    dryRun
      ? `Dry run of ${plural(result.rows, 'row')}: would create ${plural(tasks.created, 'task')}, update ${tasks.updated}, refuse ${plural(refusedRows, 'row')}; nothing was written.`
      : `Imported ${plural(result.rows, 'row')} in ${seconds.toFixed(1)} s (${Math.round((tasks.created + tasks.updated) / Math.max(seconds, 0.001)).toLocaleString('en-US')} tasks/s): created ${plural(tasks.created, 'task')}, updated ${tasks.updated}, refused ${plural(refusedRows, 'row')}.`,
  )
  if (refusedRows > 0) {
    process.exitCode = SOME_REFUSED
  }
}

/** `tessera import fragment --base-url URL --token T`. */
export async function importFragmentCommand(flags: FragmentFlags): Promise<void> {
  const source = readImportSource(flags)
  const destination = readImportDestination(
    { apiUrl: flags.apiUrl, token: flags.apiToken },
    '--api-token',
  )
  const pageSize = readCount('--page-size', flags.pageSize, 1000, 1000)
  const concurrency = readCount('--concurrency', flags.concurrency, 16, 2)
  const sourceClient = new ApiClient(source.apiUrl, source.token)
  const destinationClient = new ApiClient(destination.apiUrl, destination.token)
  const dryRun = flags.dryRun === true
  const startedAt = performance.now()
  // Failures are told apart by the URL they came from: the source's or the destination's.
  const result = await speakingForApi(destination.apiUrl, 'the Tessera to import into', () =>
    speakingForApi(source.apiUrl, 'the source', () =>
      importFragment({
        source: sourceClient,
        destination: destinationClient,
        archived: flags.archived === true,
        comments: flags.comments,
        dryRun,
        pageSize,
        concurrency,
        progress: terminalProgress(),
      }),
    ),
  )
  const { tasks } = result
  for (const refusal of [...tasks.refused, ...result.linkRefusals]) {
    console.log(`task ${refusal.uid}: refused by the destination: ${refusal.reason}.`)
  }
  const seconds = (performance.now() - startedAt) / 1000
  const waits = sourceClient.counts.rateLimited + destinationClient.counts.rateLimited
  const retries = sourceClient.counts.retried + destinationClient.counts.retried
  console.log(
    dryRun
      ? `Dry run: would create ${plural(tasks.created, 'task')}, update ${tasks.updated}, link ${plural(result.links, 'sub-task')}; comments are not read in a dry run; nothing was written.`
      : `Copied ${plural(tasks.created + tasks.updated, 'task')} in ${seconds.toFixed(1)} s: created ${tasks.created}, updated ${tasks.updated}, refused ${tasks.refused.length}; linked ${plural(result.links, 'sub-task')}; ${result.comments === null ? 'comments left out' : `added ${plural(result.comments, 'comment')}`}; waited out ${plural(waits, 'rate limit')}, retried ${plural(retries, 'failed request')}.`,
  )
  if (tasks.refused.length + result.linkRefusals.length > 0) {
    process.exitCode = SOME_REFUSED
  }
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`
}

function readCount(
  flag: string,
  value: string | undefined,
  maximum: number,
  fallback: number,
): number {
  return readSetting({ flag, schema: Type.Integer({ minimum: 1, maximum }) }, value, {}) ?? fallback
}

/** Runs `work`, saying a failure of the API at `url` in one sentence the user can act on. */
async function speakingForApi<T>(url: string, name: string, work: () => Promise<T>): Promise<T> {
  const base = url.replace(/\/+$/, '')
  try {
    return await work()
  } catch (error) {
    if (error instanceof ApiUnreachable && error.url.startsWith(base)) {
      throw new CommandError(
        `Nothing answers at ${base} (${name}): start it, or check the address.`,
      )
    }
    if (error instanceof ApiError && error.url.startsWith(base)) {
      if (error.status === 401) {
        throw new CommandError(`${capital(name)} refused the token (401): give a valid one.`)
      }
      if (error.status === 403) {
        throw new CommandError(
          `${capital(name)} refused the token (403): it needs the operator role or above.`,
        )
      }
      if (error.status === 404 && /\/tasks(\?|$)/.test(error.url)) {
        throw new CommandError(
          `${base} has no task list (404): give the API's base URL, ending in /api/v1.`,
        )
      }
      throw new CommandError(
        `${capital(name)} answered ${error.status} to ${error.url.slice(base.length) || '/'}: ${error.message.replace(/^.*?answered \d+: /, '')}`,
      )
    }
    throw error
  }
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
