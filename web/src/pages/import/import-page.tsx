import { type ChangeEvent, useId, useMemo, useState } from 'react'
import type { RowProblem } from '../../../../src/import/map-row'
import { mapRows } from '../../../../src/import/map-rows'
import {
  type ColumnMapping,
  guessMapping,
  MAPPED_KEYS,
  type MappedKey,
} from '../../../../src/import/mapping'
import { csvRows, jsonlRows, type SourceRow } from '../../../../src/import/source-rows'
import { uidFromSourceId } from '../../../../src/import/source-uid'
import { useApiMutation } from '../../api'
import { useCan } from '../../auth/auth-context'
import { usePageTitle } from '../../layout/use-page-title'
import { EmptyState } from '../../ui/empty-state'
import { ErrorNotice } from '../../ui/error-notice'
import { type RowItem, type RunProgress, type RunTally, runImport } from './import-run'
import './import.css'

/** A file read and split into rows, before any mapping. */
interface LoadedFile {
  name: string
  kind: 'csv' | 'jsonl'
  columns: string[]
  rows: SourceRow[]
}

const KEY_LABELS: Record<MappedKey, string> = {
  title: 'Title',
  id: 'Id in the source',
  uid: 'Task uid',
  due: 'Due date',
  status: 'Status',
  url: 'Link',
}

function readFile(name: string, text: string): LoadedFile {
  const kind = /\.(jsonl|ndjson|json)$/i.test(name) ? 'jsonl' : 'csv'
  const source = kind === 'csv' ? csvRows(text) : jsonlRows(text)
  const rows = [...source.rows]
  // JSON Lines objects each have their own keys: offer every key seen.
  const columns =
    kind === 'csv'
      ? source.columns
      : [...new Set(rows.flatMap((row) => ('record' in row ? Object.keys(row.record) : [])))]
  return { name, kind, columns, rows }
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString()} ${noun}${n === 1 ? '' : 's'}`
}

/** `/import`: upload a CSV or JSON Lines file, map its columns, check, then import. */
export function ImportPage() {
  usePageTitle('Import')
  const canWrite = useCan('operator')
  const [file, setFile] = useState<LoadedFile | null>(null)
  const [readError, setReadError] = useState<string | null>(null)
  const [mapping, setMapping] = useState<Partial<ColumnMapping>>({})
  const [namespace, setNamespace] = useState('import')
  const [progress, setProgress] = useState<RunProgress | null>(null)
  const [result, setResult] = useState<{ write: boolean; tally: RunTally } | null>(null)
  const fileId = useId()
  const namespaceId = useId()

  const mapped = useMemo(() => {
    if (!file || !mapping.title || !(mapping.id || mapping.uid)) {
      return null
    }
    const complete = mapping as ColumnMapping
    const problems: RowProblem[] = []
    const items: RowItem[] = []
    for (const row of mapRows(file.rows, {
      mapping: complete,
      uidFor: (id) => uidFromSourceId(namespace, id),
      values: file.kind === 'csv' ? 'text' : 'json',
    })) {
      if ('problems' in row) {
        problems.push(...row.problems)
      } else {
        items.push(row)
      }
    }
    return { problems, items }
  }, [file, mapping, namespace])

  const run = useApiMutation(
    (api, write: boolean) => runImport(api, mapped?.items ?? [], write, setProgress),
    { onSuccess: (tally, write) => setResult({ write, tally }) },
  )

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0]
    setFile(null)
    setResult(null)
    setProgress(null)
    setReadError(null)
    if (!chosen) {
      return
    }
    try {
      const loaded = readFile(chosen.name, await chosen.text())
      setFile(loaded)
      setMapping(guessMapping(loaded.columns))
    } catch (error) {
      setReadError(error instanceof Error ? error.message : String(error))
    }
  }

  const start = (write: boolean) => {
    setResult(null)
    run.mutate(write)
  }

  if (!canWrite) {
    return (
      <div className="page">
        <h1>Import</h1>
        <EmptyState title="Importing is for operators">
          Ask an admin of your organization.
        </EmptyState>
      </div>
    )
  }

  const refusedRows = new Set([
    ...(mapped?.problems.map((problem) => problem.row) ?? []),
    ...(result?.tally.refused.map((refusal) => refusal.row) ?? []),
  ]).size

  return (
    <div className="page im-page">
      <header className="page-header">
        <h1>Import</h1>
        <p className="im-lead">
          Upload a CSV file (a header row, then one task per row) or a JSON Lines file (one object
          per line). Each row needs an id from the source, from which a stable uid is derived, so
          importing the file again updates its tasks instead of adding new ones. The other columns
          become custom fields.
        </p>
      </header>

      <div className="im-field">
        <label htmlFor={fileId}>File</label>
        <input id={fileId} type="file" accept=".csv,.jsonl,.ndjson,text/csv" onChange={choose} />
      </div>
      {readError ? (
        <div className="notice notice-error" role="alert">
          <p>{readError}</p>
        </div>
      ) : null}

      {file ? (
        <form
          className="im-mapping"
          aria-label="Column mapping"
          onSubmit={(event) => event.preventDefault()}
        >
          <p>
            {file.name}: {count(file.rows.length, 'row')}, columns {file.columns.join(', ')}.
          </p>
          <div className="im-grid">
            {MAPPED_KEYS.map((key) => (
              <label key={key} className="im-field">
                {KEY_LABELS[key]}
                <select
                  value={mapping[key] ?? ''}
                  onChange={(event) => {
                    setResult(null)
                    setMapping({ ...mapping, [key]: event.target.value || undefined })
                  }}
                >
                  <option value="">(none)</option>
                  {file.columns.map((column) => (
                    <option key={column} value={column}>
                      {column}
                    </option>
                  ))}
                </select>
              </label>
            ))}
            <div className="im-field">
              <label htmlFor={namespaceId}>Id namespace</label>
              <input
                id={namespaceId}
                type="text"
                value={namespace}
                onChange={(event) => setNamespace(event.target.value)}
              />
            </div>
          </div>
          {mapped ? null : (
            <p className="im-hint" role="status">
              Choose the title column, and the column of ids (or of task uids).
            </p>
          )}
          <div className="im-actions">
            <button
              type="button"
              className="button-secondary"
              disabled={!mapped || run.isPending}
              onClick={() => start(false)}
            >
              Check (dry run)
            </button>
            <button
              type="button"
              className="button-primary"
              disabled={!mapped || run.isPending || mapped.items.length === 0}
              onClick={() => start(true)}
            >
              Import
            </button>
          </div>
        </form>
      ) : null}

      {progress && run.isPending ? <ProgressView progress={progress} /> : null}
      {run.error ? <ErrorNotice error={run.error} action="The import stopped" /> : null}

      {result && mapped ? (
        <section className="im-result" aria-label="Result">
          <p role="status">
            {result.write
              ? `Imported: created ${count(result.tally.created, 'task')}, updated ${result.tally.updated}, refused ${count(refusedRows, 'row')}.`
              : `Dry run: would create ${count(result.tally.created, 'task')}, update ${result.tally.updated}, refuse ${count(refusedRows, 'row')}. Nothing was written.`}
          </p>
          {refusedRows > 0 ? (
            <div className="table-scroll">
              <table className="im-problems">
                <thead>
                  <tr>
                    <th scope="col">Row</th>
                    <th scope="col">Column</th>
                    <th scope="col">Reason</th>
                  </tr>
                </thead>
                <tbody>
                  {[
                    ...mapped.problems.map((problem) => ({ ...problem })),
                    ...result.tally.refused.map((refusal) => ({
                      row: refusal.row,
                      column: null,
                      reason: `refused by the server: ${refusal.reason}`,
                    })),
                  ]
                    .sort((a, b) => a.row - b.row)
                    .map((problem) => (
                      <tr key={`${problem.row}-${problem.column}-${problem.reason}`}>
                        <td>{problem.row}</td>
                        <td>{problem.column ?? '—'}</td>
                        <td>{problem.reason}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  )
}

/** The running import: a bar, the count, the rate and the time left. */
function ProgressView({ progress }: { progress: RunProgress }) {
  const seconds = (Date.now() - progress.startedAt) / 1000
  const rate = seconds > 0 ? progress.done / seconds : 0
  const left = rate > 0 ? Math.ceil((progress.total - progress.done) / rate) : null
  return (
    <div className="im-progress">
      <progress max={progress.total} value={progress.done} aria-label="Import progress" />
      <p role="status">
        {progress.done.toLocaleString()} of {count(progress.total, 'task')}
        {rate > 0 ? ` · ${Math.round(rate).toLocaleString()} tasks/s` : ''}
        {left !== null ? ` · about ${left} s left` : ''}
      </p>
    </div>
  )
}
