import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DailyStats } from '../../api'
import { installFakeApi } from '../../test/fake-api'
import { session, stats } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'

beforeEach(() => {
  // 23:30 in UTC is already tomorrow in Paris: the period must end on Paris's today.
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2025-06-30T23:30:00Z'))
})

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

function dashboardApi(daily: (url: URL) => DailyStats) {
  return installFakeApi({
    'GET /auth/session': () => session('viewer'),
    'GET /queues': () => ({ items: [] }),
    'GET /queues/stats': () => ({
      items: [stats('q1', 'Disputes', 40, 3, 2), stats(null, null, 2)],
    }),
    'GET /settings/calendar': () => ({
      time_zone: 'Europe/Paris',
      weekly_hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      holidays: [],
    }),
    'GET /stats/daily': (_request, url) => daily(url),
  })
}

describe('the dashboard', { timeout: 30_000 }, () => {
  it('adds up the queues in tiles and says when a period has no data', async () => {
    const api = dashboardApi(() => ({ time_zone: 'Europe/Paris', days: [], queues: [] }))
    renderApp('/dashboard')

    const open = await screen.findByText('Open', {}, { timeout: 10_000 })
    expect(open.nextElementSibling?.textContent).toBe('42')
    expect(screen.getByText('Breaching SLA').nextElementSibling?.textContent).toBe('2')
    expect(
      (await screen.findAllByText('No data for this period', {}, { timeout: 10_000 })).length,
    ).toBeGreaterThan(0)
    expect(screen.getByText('No SLA breaches in this period')).toBeTruthy()

    const query = api.queriesOf('/stats/daily').at(-1)
    expect(query?.get('from')).toBe('2025-06-02')
    expect(query?.get('to')).toBe('2025-07-01')
    expect(query?.get('queue_uid')).toBeNull()
  })

  it('asks for the chosen period and draws what comes back', async () => {
    const user = userEvent.setup()
    const api = dashboardApi((url) => ({
      time_zone: 'Europe/Paris',
      days: [
        {
          date: url.searchParams.get('to') ?? '',
          created: 4,
          done: 1,
          breached: 1,
          backlog: 9,
          sla_due: 2,
          sla_met: 1,
          sla_compliance: 50,
        },
      ],
      queues: [
        {
          queue_uid: 'q1',
          name: 'Disputes',
          median_resolution_time: 7200,
          sla_due: 2,
          sla_met: 1,
          sla_compliance: 50,
        },
      ],
    }))
    renderApp('/dashboard')

    await user.selectOptions(await screen.findByLabelText('Period', {}, { timeout: 10_000 }), '7')
    await waitFor(() =>
      expect(api.queriesOf('/stats/daily').at(-1)?.get('from')).toBe('2025-06-25'),
    )
    expect(
      await screen.findByRole('img', { name: /9 on the last day/ }, { timeout: 10_000 }),
    ).toBeTruthy()
    expect(
      screen.getByRole('img', { name: '4 tasks created and 1 done over the period.' }),
    ).toBeTruthy()
    expect(screen.getByRole('img', { name: 'Disputes: 2 h' })).toBeTruthy()
    expect(screen.getByRole('img', { name: 'Disputes: 50% (1 of 2)' })).toBeTruthy()
    expect(screen.queryByText('No data for this period')).toBeNull()
  })
})
