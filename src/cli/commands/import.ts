import type { Command } from 'commander'

/** The commands' code, loaded only when one runs: `--help` never pays for it. */
const load = () => import('../actions/import')

const API_URL =
  'the Tessera API to import into (env TESSERA_API_URL; default http://127.0.0.1:3000/api/v1)'

const FILE_HELP = `
Columns: the title, uid, id, due date, status and url are found by their usual names (title,
name; uid; external_id, id, key; due_at, due_date, due; status, state; url, link), or named
with the --*-column flags. Every other column becomes a custom field.

Ids: each row needs a uid (used as it is) or an id from the source system, from which a
stable uid is derived as Fragment's ID-mapping guide describes (the MD5 of
"<namespace>#ID#<id>" read as a UUID). Running the import again therefore updates the same
tasks instead of adding new ones: an interrupted import is resumed by running it again.

Values (CSV): true/false become booleans; a number written as JSON writes it (42, -3.5)
becomes a number; anything else (007, 1.50, 1e3, +33 6…) stays text, as typed. An empty
cell is left out. Due dates are ISO 8601 (2026-12-31, 2026-12-31T17:00:00Z; UTC without an
offset); statuses TODO, STARTED or DONE in any case.

A row with a problem is reported (row, column, reason) and writes nothing; the others are
imported. The exit status is 2 when some rows were refused.
`

function withFileOptions(command: Command): Command {
  return command
    .option('--title-column <name>', 'the column holding the title')
    .option('--uid-column <name>', 'a column of task uids, used as they are')
    .option('--id-column <name>', "a column of the source's ids, from which uids are derived")
    .option('--due-column <name>', 'the column holding the due date')
    .option('--status-column <name>', 'the column holding the status')
    .option('--url-column <name>', 'the column holding a link to the source record')
    .option('--id-namespace <name>', 'uids are derived from "<namespace>#ID#<id>"', 'import')
    .option('--dry-run', 'say what would be created, updated or refused, and write nothing')
    .option('--api-url <url>', API_URL)
    .option('--token <token>', 'a token of that Tessera, operator or above (env TESSERA_TOKEN)')
    .option('--batch-size <n>', 'tasks per request (1 to 1000)', '1000')
    .option('--concurrency <n>', 'requests in flight (1 to 16)', '2')
    .addHelpText('after', FILE_HELP)
}

/** `tessera import csv|jsonl|fragment`: moving in, through a running Tessera's API. */
export function registerImportCommand(program: Command): void {
  const command = program
    .command('import')
    .description(
      'Import tasks into a running Tessera: from a CSV or JSON Lines file, or from Fragment',
    )
  withFileOptions(
    command
      .command('csv')
      .description('Import the rows of a CSV file (a header row, then one task per row)')
      .argument('<file>', 'the CSV file')
      .option('--delimiter <char>', 'the cell separator', ','),
  ).action(async (file, flags) => (await load()).importCsv(file, flags))
  withFileOptions(
    command
      .command('jsonl')
      .description('Import a JSON Lines file (one JSON object per line, one task per object)')
      .argument('<file>', 'the JSON Lines file'),
  ).action(async (file, flags) => (await load()).importJsonl(file, flags))
  command
    .command('fragment')
    .description(
      "Copy an organization's tasks from Fragment (or any server speaking its API): uids, fields, statuses, due dates, sub-task links, comments",
    )
    .option('--base-url <url>', "the source's API, such as https://api.onfragment.com/api/v1")
    .option('--token <token>', "the source's token (env FRAGMENT_TOKEN)")
    .option('--api-url <url>', API_URL)
    .option('--api-token <token>', 'a token of that Tessera, operator or above (env TESSERA_TOKEN)')
    .option('--archived', 'also copy archived tasks (as archived)')
    .option('--no-comments', 'leave comments out')
    .option('--dry-run', 'say what would be created or updated, and write nothing')
    .option('--page-size <n>', 'tasks per page read from the source (1 to 1000)', '1000')
    .option('--concurrency <n>', 'requests in flight (1 to 16)', '2')
    .addHelpText(
      'after',
      `
Tasks keep their uids, so running the copy again updates them rather than adding new ones.
Creation and update times, which Tessera sets itself, are kept in external_created_at and
external_updated_at; assignees and queues are left out (the users and queues differ).
Copied comments end with their original author and time; a second run adds none twice.
A 429 waits as Retry-After says; a 5xx or a dropped connection is retried with backoff.
`,
    )
    .action(async (flags) => (await load()).importFragmentCommand(flags))
}
