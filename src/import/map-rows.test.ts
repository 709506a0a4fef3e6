import { describe, expect, it } from 'vitest'
import { mapRows } from './map-rows'
import { MappingError, resolveMapping } from './mapping'
import { csvRows, jsonlRows } from './source-rows'
import { uidFromSourceId } from './source-uid'

const UID = '0b5e8c1a-2f3d-4e5f-8a9b-0c1d2e3f4a5b'

describe('resolveMapping', () => {
  it('finds the usual column names in any case, and takes chosen ones first', () => {
    expect(resolveMapping(['ID', 'Name', 'Due_Date', 'State', 'Link', 'x'], {}, true)).toEqual({
      title: 'Name',
      id: 'ID',
      due: 'Due_Date',
      status: 'State',
      url: 'Link',
    })
    expect(resolveMapping(['ref', 'title', 'name'], { id: 'ref', title: 'name' }, true)).toEqual({
      title: 'name',
      id: 'ref',
    })
  })

  it('refuses in one sentence a chosen column the file lacks, or no title or id column', () => {
    expect(() => resolveMapping(['id', 'title'], { due: 'when' }, true)).toThrow(
      /The file has no column "when" \(for --due-column\): its columns are id, title\./,
    )
    expect(() => resolveMapping(['id', 'label'], {}, true)).toThrow(MappingError)
    expect(() => resolveMapping(['title', 'x'], {}, true)).toThrow(/--id-column NAME/)
  })
})

describe('mapping CSV rows to tasks', () => {
  const map = (text: string, chosen = {}) => {
    const source = csvRows(text)
    const mapping = resolveMapping(source.columns, chosen, true)
    return [
      ...mapRows(source.rows, {
        mapping,
        uidFor: (id) => uidFromSourceId('crm', id),
        values: 'text',
      }),
    ]
  }

  it('maps the task keys, types the other cells as custom fields and derives uids from ids', () => {
    const rows = map(
      'id,title,due,status,url,amount,zip,vip,empty\n' +
        '17,Call back,2026-12-31,done,https://crm/17,12.5,007,TRUE,\n' +
        `18,Write,2026-12-31T17:00:00+02:00,,,,,,\n`,
    )
    expect(rows).toEqual([
      {
        row: 2,
        item: {
          uid: uidFromSourceId('crm', '17'),
          external_id: '17',
          status: 'DONE',
          due_at: '2026-12-31T00:00:00.000Z',
          fields: {
            title: 'Call back',
            url: 'https://crm/17',
            amount: 12.5,
            zip: '007',
            vip: true,
          },
        },
      },
      {
        row: 3,
        item: {
          uid: uidFromSourceId('crm', '18'),
          external_id: '18',
          due_at: '2026-12-31T15:00:00.000Z',
          fields: { title: 'Write' },
        },
      },
    ])
  })

  it('uses a uid column as it is, lower-cased', () => {
    const [row] = map(`uid,title\n${UID.toUpperCase()},A\n`)
    expect(row).toEqual({ row: 2, item: { uid: UID, fields: { title: 'A' } } })
  })

  it('reports every problem of a row with its row and column, and refuses a second row for one task', () => {
    const rows = map(
      'uid,title,due,status\n' +
        'not-a-uid,,next week,WAITING\n' +
        `${UID},ok,,\n` +
        `${UID},again,,\n` +
        'x,y\n',
    )
    expect(rows).toEqual([
      {
        row: 2,
        problems: [
          { row: 2, column: 'title', reason: 'is empty: every task needs a title' },
          {
            row: 2,
            column: 'uid',
            reason:
              '"not-a-uid" is not a uid (a UUID such as 0b5e8c1a-2f3d-4e5f-8a9b-0c1d2e3f4a5b)',
          },
          {
            row: 2,
            column: 'status',
            reason: '"WAITING" is not a status: use TODO, STARTED, DONE',
          },
          {
            row: 2,
            column: 'due',
            reason:
              '"next week" is not a date: use ISO 8601, such as 2026-12-31 or 2026-12-31T17:00:00Z',
          },
        ],
      },
      { row: 3, item: { uid: UID, fields: { title: 'ok' } } },
      { row: 4, problems: [{ row: 4, column: 'uid', reason: 'names the same task as row 3' }] },
      {
        row: 5,
        problems: [{ row: 5, column: null, reason: 'has 2 cells where the header has 4' }],
      },
    ])
  })

  it('refuses a header with a blank or repeated name', () => {
    expect(() => csvRows('id,,title\n')).toThrow(/Column 2 of the header has no name/)
    expect(() => csvRows('id,title,id\n')).toThrow(/names "id" twice/)
  })
})

describe('mapping JSON Lines to tasks', () => {
  it('keeps values as given, reads a nested fields object flat, and refuses lines that are not objects', () => {
    const source = jsonlRows(
      '{"id": 7, "fields": {"title": "T", "tags": ["a"], "n": 1.50, "flag": null}}\n' +
        '\n' +
        '[1]\n' +
        '{"id": 8, "title": true}\n' +
        '{oops\n',
    )
    const mapping = resolveMapping(source.columns, {}, false)
    expect([
      ...mapRows(source.rows, {
        mapping,
        uidFor: (id) => uidFromSourceId('x', id),
        values: 'json',
      }),
    ]).toEqual([
      {
        row: 1,
        item: {
          uid: uidFromSourceId('x', '7'),
          external_id: '7',
          fields: { title: 'T', tags: ['a'], n: 1.5, flag: null },
        },
      },
      { row: 3, problems: [{ row: 3, column: null, reason: 'not a JSON object' }] },
      { row: 4, problems: [{ row: 4, column: 'title', reason: 'must be text, not true' }] },
      {
        row: 5,
        problems: [{ row: 5, column: null, reason: expect.stringMatching(/^not valid JSON/) }],
      },
    ])
  })
})
