import type { ApiClient } from './api-client'
import type { RowProblem, TaskItem } from './map-row'
import { mapRows } from './map-rows'
import { type ColumnMapping, resolveMapping } from './mapping'
import type { ImportProgress } from './progress'
import type { SourceRows } from './source-rows'
import { uidFromSourceId } from './source-uid'
import { type Entry, inBatches, type WriteTally, writeTasks } from './write-tasks'

/** How to import a file's rows. */
export interface RowsImportOptions {
  /** Columns chosen by flag; the others are recognised by their usual names. */
  chosen: Partial<ColumnMapping>
  namespace: string
  values: 'text' | 'json'
  client: ApiClient
  dryRun: boolean
  batchSize: number
  concurrency: number
  progress: ImportProgress
}

/** What a file import did (or in a dry run would do). */
export interface RowsImportResult {
  mapping: ColumnMapping
  rows: number
  tasks: WriteTally
  /** Rows refused before anything was sent, each problem with its row and column. */
  problems: RowProblem[]
}

/**
 * Imports a file's rows: maps every row first (a row with a problem is refused here,
 * alone, with all its problems), then writes the others in batches.
 */
export async function importRows(
  source: SourceRows,
  options: RowsImportOptions,
): Promise<RowsImportResult> {
  const mapping = resolveMapping(source.columns, options.chosen, source.columnsKnown)
  const problems: RowProblem[] = []
  const entries: Entry<TaskItem>[] = []
  let rows = 0
  for (const mapped of mapRows(source.rows, {
    mapping,
    uidFor: (id) => uidFromSourceId(options.namespace, id),
    values: options.values,
  })) {
    rows += 1
    if ('problems' in mapped) {
      problems.push(...mapped.problems)
    } else {
      entries.push(mapped)
    }
  }
  options.progress.start(options.dryRun ? 'checking' : 'importing', entries.length)
  const tasks = await writeTasks(inBatches(entries, options.batchSize), {
    client: options.client,
    dryRun: options.dryRun,
    concurrency: options.concurrency,
    onSettled: (count) => options.progress.advance(count),
  })
  options.progress.stop()
  return { mapping, rows, tasks, problems }
}
