import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { installFakeApi } from '../../../test/fake-api'
import { session } from '../../../test/fixtures'
import { renderApp } from '../../../test/render-app'
import type { NamedCalendar } from './calendars-api'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

// Settings is a lazily loaded page: its first render waits for its chunk.
const LAZY = { timeout: 10_000 }

const CLOSED = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }

const tokyo: NamedCalendar = {
  uid: '00000000-0000-4000-8000-0000000000c1',
  name: 'Tokyo',
  calendar: { time_zone: 'Asia/Tokyo', weekly_hours: CLOSED, holidays: ['2025-01-01'] },
  queue_uids: ['00000000-0000-4000-8000-0000000000a1'],
  created_at: '2025-01-01T00:00:00.000Z',
  updated_at: '2025-01-01T00:00:00.000Z',
}

describe('Settings › Calendars', () => {
  it('lists the named calendars, and says why one in use cannot be deleted', async () => {
    const user = userEvent.setup()
    vi.stubGlobal(
      'confirm',
      vi.fn(() => true),
    )
    installFakeApi({
      'GET /auth/session': () => session('admin'),
      'GET /calendars': () => ({ items: [tokyo] }),
      [`DELETE /calendars/${tokyo.uid}`]: () =>
        Response.json(
          {
            error: {
              code: 'calendar_in_use',
              message: 'The calendar Tokyo is used by the SLA policy of the queue “Japan”.',
              request_id: 'r',
            },
          },
          { status: 409 },
        ),
    })
    renderApp('/settings/calendars')
    const row = (await screen.findByRole('cell', { name: 'Tokyo' }, LAZY)).closest(
      'tr',
    ) as HTMLElement
    expect(within(row).getByText('Asia/Tokyo')).toBeTruthy()
    expect(within(row).getByText('1 queue')).toBeTruthy()
    await user.click(within(row).getByRole('button', { name: 'Delete Tokyo' }))
    expect(await screen.findByText(/used by the SLA policy of the queue “Japan”/)).toBeTruthy()
  })

  it('creates a calendar with its name, time zone and hours, and shows what the API refused', async () => {
    const user = userEvent.setup()
    const sent: unknown[] = []
    installFakeApi({
      'GET /auth/session': () => session('admin'),
      'GET /calendars': () => ({ items: [] }),
      'POST /calendars': async (request) => {
        sent.push(await request.json())
        return Response.json(
          {
            error: {
              code: 'validation_failed',
              message: 'The calendar is invalid.',
              request_id: 'r',
              fields: [{ path: '/body/calendar/time_zone', message: 'is not a known time zone' }],
            },
          },
          { status: 422 },
        )
      },
    })
    renderApp('/settings/calendars')
    await user.click(await screen.findByRole('button', { name: 'New calendar' }, LAZY))
    const form = screen.getByRole('form', { name: 'New calendar' })
    await user.type(within(form).getByLabelText('Name'), 'Montréal')
    await user.selectOptions(within(form).getByLabelText('Time zone'), 'America/Toronto')
    await user.click(within(form).getByRole('button', { name: 'Save calendar' }))
    expect(await within(form).findByText('is not a known time zone')).toBeTruthy()
    expect(sent).toEqual([
      {
        name: 'Montréal',
        calendar: expect.objectContaining({ time_zone: 'America/Toronto', holidays: [] }),
      },
    ])
  })
})
