import { Readable } from 'node:stream'
import { stringify } from 'csv-stringify/sync'
import type { TaskExport } from '../app/export-tasks'
import type { Task } from '../contract/tasks'
import { cellText, type ExportColumn } from '../core/tasks/export-columns'
import type { TaskRecord } from '../store/tasks'

/** A column's header: what the `columns` parameter called it. */
function headerOf(column: ExportColumn): string {
  return column.kind === 'field'
    ? `fields.${column.key}`
    : 'key' in column
      ? column.key
      : column.kind
}

/**
 * An export as the text it is sent as, produced page by page as the client reads it: CSV
 * (UTF-8 with a byte-order mark, so Excel reads accents right; a header row) or JSON Lines
 * (one task object per line, as GET /tasks/{uid} returns it).
 */
export function exportStream(exported: TaskExport, present: (task: TaskRecord) => Task): Readable {
  const { columns, queueNames, userEmails } = exported
  const cell = (task: TaskRecord, shown: Task, column: ExportColumn): string => {
    switch (column.kind) {
      case 'queue_name':
        return cellText(task.queue_uid && queueNames.get(task.queue_uid))
      case 'assignee_email':
        return cellText(task.assignee_uid && userEmails.get(task.assignee_uid))
      case 'field':
        return cellText((task.fields as Record<string, unknown>)[column.key])
      case 'task':
        return cellText((shown as Record<string, unknown>)[column.key])
    }
  }
  async function* text(): AsyncGenerator<string> {
    if (exported.format === 'csv') {
      yield stringify([columns.map(headerOf)], { bom: true })
    }
    for await (const page of exported.pages) {
      yield exported.format === 'csv'
        ? stringify(page.map((task) => columns.map((column) => cell(task, present(task), column))))
        : page.map((task) => `${JSON.stringify(present(task))}\n`).join('')
    }
  }
  return Readable.from(text(), { objectMode: false })
}
