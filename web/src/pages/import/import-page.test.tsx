import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { uidFromSourceId } from '../../../../src/import/source-uid'
import { installFakeApi } from '../../test/fake-api'
import { session } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'

afterEach(() => {
  vi.unstubAllGlobals()
})

const CSV = [
  'Ticket,Subject,Due,State,priority',
  'T-1,Call the client,2026-12-31,todo,3',
  'T-2,Send the invoice,2026-12-31,DONE,1.5',
  'T-3,,2026-12-31,TODO,1',
  'T-4,Bad status,2026-12-31,WAITING,1',
].join('\n')

/** An API holding the task of T-1 already; it records what the page writes. */
function importApi() {
  const existing = uidFromSourceId('import', 'T-1')
  const written: unknown[][] = []
  const api = installFakeApi({
    'GET /auth/session': () => session('operator'),
    'POST /tasks/query': async (request) => {
      const body = (await request.json()) as { condition: { value: string[] } }
      return {
        items: body.condition.value.filter((uid) => uid === existing).map((uid) => ({ uid })),
      }
    },
    'PUT /tasks/batch': async (request) => {
      const { items } = (await request.json()) as { items: { uid: string }[] }
      written.push(items)
      return { items: items.map((item, index) => ({ index, uid: item.uid, status: 200 })) }
    },
  })
  return { api, written }
}

describe('the import page', { timeout: 30_000 }, () => {
  it('maps the columns, checks without writing, then imports, reporting refused rows by row and column', async () => {
    const user = userEvent.setup()
    const { written } = importApi()
    renderApp('/import')

    const input = await screen.findByLabelText('File', {}, { timeout: 10_000 })
    await user.upload(input, new File([CSV], 'tickets.csv', { type: 'text/csv' }))
    expect(
      await screen.findByText(
        /tickets\.csv: 4 rows, columns Ticket, Subject, Due, State, priority/,
      ),
    ).toBeTruthy()
    const mapping = screen.getByRole('form', { name: 'Column mapping' })
    // Subject and State are usual names; Ticket is not, so the import waits for it.
    expect((within(mapping).getByLabelText('Title') as HTMLSelectElement).value).toBe('Subject')
    expect((within(mapping).getByLabelText('Status') as HTMLSelectElement).value).toBe('State')
    expect(screen.getByRole('button', { name: 'Import' })).toHaveProperty('disabled', true)
    await user.selectOptions(within(mapping).getByLabelText('Id in the source'), 'Ticket')
    await user.selectOptions(within(mapping).getByLabelText('Due date'), 'Due')

    await user.click(screen.getByRole('button', { name: 'Check (dry run)' }))
    expect(
      await screen.findByText(
        'Dry run: would create 1 task, update 1, refuse 2 rows. Nothing was written.',
      ),
    ).toBeTruthy()
    expect(written).toEqual([])
    const rows = within(screen.getByRole('table'))
      .getAllByRole('row')
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      )
    expect(rows).toEqual([
      ['4', 'Subject', 'is empty: every task needs a title'],
      ['5', 'State', '"WAITING" is not a status: use TODO, STARTED, DONE'],
    ])

    await user.click(screen.getByRole('button', { name: 'Import' }))
    expect(
      await screen.findByText('Imported: created 1 task, updated 1, refused 2 rows.'),
    ).toBeTruthy()
    expect(written).toEqual([
      [
        {
          uid: uidFromSourceId('import', 'T-1'),
          external_id: 'T-1',
          status: 'TODO',
          due_at: '2026-12-31T00:00:00.000Z',
          fields: { title: 'Call the client', priority: 3 },
        },
        {
          uid: uidFromSourceId('import', 'T-2'),
          external_id: 'T-2',
          status: 'DONE',
          due_at: '2026-12-31T00:00:00.000Z',
          fields: { title: 'Send the invoice', priority: 1.5 },
        },
      ],
    ])
  })

  it('shows the progress of a running import', async () => {
    const user = userEvent.setup()
    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    installFakeApi({
      'GET /auth/session': () => session('operator'),
      'POST /tasks/query': () => ({ items: [] }),
      'PUT /tasks/batch': async (request) => {
        await held
        const { items } = (await request.json()) as { items: { uid: string }[] }
        return { items: items.map((item, index) => ({ index, uid: item.uid, status: 200 })) }
      },
    })
    renderApp('/import')
    const input = await screen.findByLabelText('File', {}, { timeout: 10_000 })
    await user.upload(input, new File(['id,title\n1,A\n2,B\n'], 'two.csv', { type: 'text/csv' }))
    await user.click(await screen.findByRole('button', { name: 'Import' }))
    const bar = await screen.findByRole('progressbar', { name: 'Import progress' })
    expect(bar.getAttribute('max')).toBe('2')
    expect(screen.getByText('0 of 2 tasks')).toBeTruthy()
    release()
    expect(
      await screen.findByText('Imported: created 2 tasks, updated 0, refused 0 rows.'),
    ).toBeTruthy()
    expect(screen.queryByRole('progressbar')).toBeNull()
  })

  it('says why a file cannot be read', async () => {
    const user = userEvent.setup()
    importApi()
    renderApp('/import')
    const input = await screen.findByLabelText('File', {}, { timeout: 10_000 })
    await user.upload(input, new File(['id,,title\n1,2,3\n'], 'broken.csv', { type: 'text/csv' }))
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Column 2 of the header has no name: name every column.',
    )
  })
})
