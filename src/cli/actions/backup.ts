import { resolve } from 'node:path'
import { readDatabaseSetting } from '../../config/database-setting'
import { withCommandOperations } from '../command-database'
import type { DatabaseOptions } from '../database-options'
import { elapsedSeconds, startTableProgress } from '../table-progress'

/** `tessera backup --out FILE`: online, from one snapshot, on any engine. */
export async function backup(flags: DatabaseOptions & { out: string }): Promise<void> {
  const startedAt = performance.now()
  const out = resolve(flags.out)
  const progress = startTableProgress('backup')
  let shown = false
  const summary = await withCommandOperations(
    readDatabaseSetting(flags),
    (ops) => ops.backup({ out }),
    // A backup reads one snapshot and changes nothing, not even the schema's version.
    {
      migrate: false,
      backupProgress: {
        ...progress,
        startTable(table, rows) {
          shown = true
          progress.startTable(table, rows)
        },
      },
    },
  )
  // A server asked to write it reported nothing as it went: its tables, once it is done.
  for (const { table, rows } of shown ? [] : summary.tableRows) {
    progress.startTable(table, rows)
    progress.advance(rows)
    progress.endTable()
  }
  console.log(
    `Backed up ${summary.rows.toLocaleString('en-US')} rows of ${summary.tables} tables (schema ${summary.schemaVersion}) from ${summary.database} to ${out} (${(summary.bytes / 1024).toFixed(1)} KiB) in ${elapsedSeconds(startedAt)}.`,
  )
}
