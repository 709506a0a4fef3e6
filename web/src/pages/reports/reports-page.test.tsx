import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { OperatorReportRow } from '../../api'
import { installFakeApi } from '../../test/fake-api'
import { session } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'

afterEach(() => {
  vi.unstubAllGlobals()
})

const NO_FIGURES = {
  completed: 0,
  handle_time_median: null,
  handle_time_p90: null,
  handle_time_business_median: null,
  handle_time_business_p90: null,
  resolution_time_median: null,
  resolution_time_p90: null,
  resolution_time_business_median: null,
  resolution_time_business_p90: null,
  skipped: 0,
  skip_reasons: [],
  sla_tasks: 0,
  sla_met: 0,
  sla_compliance: null,
  sla_business_tasks: 0,
  sla_business_met: 0,
  sla_business_compliance: null,
}

const operator = (
  uid: string,
  name: string,
  figures: Partial<OperatorReportRow>,
): OperatorReportRow => ({
  operator_uid: uid,
  name,
  email: `${name.toLowerCase()}@acme.test`,
  ...NO_FIGURES,
  ...figures,
})

const PERIOD = { from: '2025-06-01T00:00:00.000Z', to: '2025-06-08T00:00:00.000Z' }

function reportsApi() {
  return installFakeApi({
    'GET /auth/session': () => session('admin'),
    'GET /settings/calendar': () => ({
      time_zone: 'Europe/Paris',
      weekly_hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      holidays: [],
    }),
    'GET /reports/operators': () => ({
      ...PERIOD,
      time_zone: 'Europe/Paris',
      items: [
        operator('00000000-0000-4000-8000-000000000c01', 'Chloé', {
          completed: 12,
          handle_time_median: 300,
          handle_time_business_median: 120,
          sla_tasks: 4,
          sla_met: 3,
          sla_compliance: 0.75,
        }),
        operator('00000000-0000-4000-8000-000000000c02', 'Bob', {
          completed: 3,
          handle_time_median: 4000,
          handle_time_business_median: 3600,
          skipped: 2,
          skip_reasons: [{ reason: 'Customer unreachable', count: 2 }],
        }),
      ],
    }),
    'GET /reports/queues': () => ({ ...PERIOD, time_zone: 'Europe/Paris', items: [] }),
    'GET /reports/hours': () => ({
      ...PERIOD,
      time_zone: 'Europe/Paris',
      cells: [{ day_of_week: 2, hour: 9, completed: 5 }],
    }),
  })
}

const rowNames = (table: HTMLElement) =>
  within(table)
    .getAllByRole('rowheader')
    .map((cell) => cell.textContent)

describe('the reports page', { timeout: 30_000 }, () => {
  it('shows the operators, sorts them, and switches to business hours', async () => {
    const user = userEvent.setup()
    const api = reportsApi()
    renderApp('/reports')

    const table = await screen.findByRole(
      'table',
      { name: 'Figures per operator' },
      { timeout: 10_000 },
    )
    expect(rowNames(table)).toEqual(['Chloé', 'Bob'])
    const bob = within(table).getByRole('row', { name: /Bob/ })
    expect(within(bob).getByText('Customer unreachable: 2')).toBeTruthy()
    expect(within(bob).getByText('1 h 6 min')).toBeTruthy()
    const chloe = within(table).getByRole('row', { name: /Chloé/ })
    expect(within(chloe).getByText('75 % (3/4)')).toBeTruthy()
    expect(screen.getByText('No queues yet')).toBeTruthy()
    // The last 7 days run up to each request: no `to`.
    const query = api.queriesOf('/reports/operators').at(-1)
    expect(query?.get('from')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/)
    expect(query?.get('to')).toBeNull()

    await user.click(within(table).getByRole('button', { name: 'Handle time, median' }))
    expect(rowNames(table)).toEqual(['Bob', 'Chloé'])
    await user.click(within(table).getByRole('button', { name: 'Handle time, median' }))
    expect(rowNames(table)).toEqual(['Chloé', 'Bob'])

    await user.selectOptions(screen.getByLabelText('Times'), 'business')
    expect(within(within(table).getByRole('row', { name: /Bob/ })).getByText('1 h')).toBeTruthy()
    expect(
      screen.getByRole('heading', { name: 'Handle time per operator (business hours)' }),
    ).toBeTruthy()

    const csv = screen.getAllByRole('link', { name: 'Download CSV' })[0]
    expect(csv?.getAttribute('href')).toMatch(/\/api\/v1\/reports\/operators\.csv\?from=/)
  })

  it('asks for whole days of the organization time zone when dates are chosen', async () => {
    const user = userEvent.setup()
    const api = reportsApi()
    renderApp('/reports')
    await screen.findByRole('table', { name: 'Figures per operator' }, { timeout: 10_000 })

    await user.selectOptions(screen.getByLabelText('Period'), 'custom')
    expect(screen.getByText('Choose a period')).toBeTruthy()
    await user.type(screen.getByLabelText('From'), '2025-06-02')
    await user.type(screen.getByLabelText('To'), '2025-06-08')
    await waitFor(() => {
      const query = api.queriesOf('/reports/operators').at(-1)
      // Midnight in Paris (UTC+2 in June), the last day included.
      expect(query?.get('from')).toBe('2025-06-01T22:00:00.000Z')
      expect(query?.get('to')).toBe('2025-06-08T22:00:00.000Z')
    })
  })
})
