import { parse } from 'csv-parse/sync'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTesseraClient, type Schema, type TesseraClient, unwrap } from '../../sdk/src/index'
import { formatCount, formatDuration } from '../../web/src/ui/format'
import type { ServerProcess } from '../support/server-process'
import {
  type AppUnderTest,
  type AppUnderTestWithApi,
  PASSWORD,
  SUPER_ADMIN,
  skipRestAfterFailure,
  startAppUnderTest,
} from './app-under-test'

const OPERATORS = [
  { email: 'bob@example.test', name: 'Bob Operator' },
  { email: 'chloe@example.test', name: 'Chloé Marie-Antoinette Duval-Lefèbvre' },
] as const

type OperatorRow = Schema<'OperatorReportRow'>

/**
 * The manager's reports end to end: an empty organization reads well, then two operators
 * complete and skip tasks through the player and the Reports page shows per operator and per
 * queue the figures the API gives, sortable, with charts whose axes fit their names, the
 * hours of the week and CSV downloads. One `tessera serve` on PGlite, headless Chromium.
 */
describe('the reports', () => {
  let app: AppUnderTestWithApi
  let server: ServerProcess
  let page: Page
  let api: TesseraClient
  let shot: AppUnderTest['shot']
  let settled: AppUnderTest['settled']
  const tokens: string[] = []

  const section = (name: string) => page.getByRole('region', { name })
  const table = (caption: string) => page.getByRole('table', { name: caption })
  const rowOf = (caption: string, name: string) =>
    table(caption)
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name }) })

  beforeAll(async () => {
    app = await startAppUnderTest({
      name: 'reports',
      adminToken: true,
      beforeServe: async (tessera) => {
        for (const operator of OPERATORS) {
          await tessera([
            'users',
            'create',
            '--email',
            operator.email,
            '--name',
            operator.name,
            '--role',
            'operator',
            '--password',
            PASSWORD,
          ])
          // The API issues tokens to their caller only: an admin makes an operator's on the CLI.
          tokens.push(
            await tessera([
              'tokens',
              'create',
              '--name',
              operator.email,
              '--role',
              'operator',
              '--user',
              operator.email,
            ]),
          )
        }
      },
    })
    ;({ server, page, api, shot, settled } = app)
  })
  skipRestAfterFailure(() => page)
  afterAll(() => app?.close())

  it('says so when nothing was done in the period', async () => {
    await page.goto(server.url)
    await app.signIn(SUPER_ADMIN.email)
    await app.navigate('Reports')
    await app.heading('Reports')
    await section('Per operator').getByText('Nothing done in this period').waitFor()
    await section('Per queue').getByText('No queues yet').waitFor()
    await page.getByText('No task was completed in this period').waitFor()
    await settled()
    await shot('reports-empty')
  })

  it('shows the figures of work done through the player, as the API gives them', async () => {
    const team = (value: string) => ({
      combinator: 'and' as const,
      conditions: [{ field: 'team', operator: '==' as const, value }],
    })
    await unwrap(
      api.POST('/queues', {
        body: { name: 'Claims', condition: team('a'), sla_policy: { resolution_minutes: 600 } },
      }),
    )
    await unwrap(api.POST('/queues', { body: { name: 'Refunds', condition: team('b') } }))
    await unwrap(
      api.POST('/tasks/batch', {
        body: {
          items: ['a', 'a', 'a', 'a', 'b', 'b'].map((value, i) => ({
            fields: { title: `Case ${i + 1}`, team: value },
          })),
        },
      }),
    )
    const [bob, chloe] = tokens.map((token) =>
      createTesseraClient({ baseUrl: `${server.url}/api/v1`, token }),
    ) as [TesseraClient, TesseraClient]
    for (const player of [bob, chloe]) {
      await unwrap(player.POST('/player/start', { body: {} }))
    }
    const next = async (player: TesseraClient) => {
      const { task } = await unwrap(player.POST('/player/next', { body: {} }))
      expect(task).not.toBeNull()
    }
    await next(bob)
    await unwrap(bob.POST('/player/skip', { body: { reason: 'Customer unreachable' } }))
    for (let i = 0; i < 2; i++) {
      await next(bob)
      await unwrap(bob.POST('/player/complete', { body: {} }))
    }
    for (let i = 0; i < 4; i++) {
      await next(chloe)
      await unwrap(chloe.POST('/player/complete', { body: {} }))
    }

    await page.reload()
    await app.heading('Reports')
    const report = await unwrap(api.GET('/reports/operators'))
    expect(report.items.map((row) => row.completed)).toEqual([4, 2])
    const byName = new Map(report.items.map((row) => [row.name, row]))
    const caption = 'Figures per operator'
    await table(caption).waitFor()
    for (const operator of OPERATORS) {
      const row = byName.get(operator.name) as OperatorRow
      const cells = rowOf(caption, operator.name)
      await expect
        .poll(() => cells.locator('[data-column="completed"]').textContent())
        .toBe(formatCount(row.completed))
      const duration = (seconds: number | null) =>
        seconds === null ? '—' : formatDuration(seconds)
      expect(await cells.locator('[data-column="handle_median"]').textContent()).toBe(
        duration(row.handle_time_median),
      )
      expect(await cells.locator('[data-column="resolution_p90"]').textContent()).toBe(
        duration(row.resolution_time_p90),
      )
      expect(await cells.locator('[data-column="skipped"]').textContent()).toContain(
        formatCount(row.skipped),
      )
    }
    await expect
      .poll(() =>
        rowOf(caption, OPERATORS[0].name).locator('[data-column="skipped"]').textContent(),
      )
      .toBe('1Customer unreachable: 1')

    // Sorted by completions, most first; a click on the heading turns it around.
    const firstRow = () => table(caption).getByRole('rowheader').first().textContent()
    expect(await firstRow()).toBe(OPERATORS[1].name)
    await table(caption).getByRole('button', { name: 'Completed' }).click()
    await expect.poll(firstRow).toBe(OPERATORS[0].name)
    expect(
      await table(caption)
        .getByRole('columnheader', { name: 'Completed' })
        .getAttribute('aria-sort'),
    ).toBe('ascending')

    const queues = await unwrap(api.GET('/reports/queues'))
    for (const queue of queues.items) {
      const cells = rowOf('Figures per queue', queue.name ?? 'No queue')
      expect(await cells.locator('[data-column="completed"]').textContent()).toBe(
        formatCount(queue.completed),
      )
    }
    expect(
      await rowOf('Figures per queue', 'Claims').locator('[data-column="sla"]').textContent(),
    ).toBe('100 % (4/4)')
  })

  it('draws the charts, with every name inside its axis', async () => {
    const completed = section('Completed per operator')
    await expect.poll(() => completed.locator('.recharts-bar-rectangle').count()).toBe(2)
    // A row per operator (a bar of 0 s draws nothing, so the rows are counted by their names).
    const handle = section('Handle time per operator')
    await expect
      .poll(() => handle.locator('.recharts-yAxis .recharts-cartesian-axis-tick').count())
      .toBe(2)
    await handle.getByText('Median', { exact: true }).waitFor()
    // No axis label runs past its chart's left edge (the long name is cut with an ellipsis).
    // Evaluated as text: the test's TypeScript has no DOM types, the page has the DOM.
    const overflow = await page.evaluate(`
      [...document.querySelectorAll('.recharts-wrapper')].flatMap((chart) => {
        const left = chart.getBoundingClientRect().left
        return [...chart.querySelectorAll('.recharts-cartesian-axis-tick-value')]
          .filter((label) => label.getBoundingClientRect().left < left - 1)
          .map((label) => label.textContent)
      })`)
    expect(overflow).toEqual([])
    const hours = await unwrap(api.GET('/reports/hours'))
    const busy = hours.cells.filter((cell) => cell.completed > 0)
    await expect
      .poll(() => page.locator('.rp-heat-cell:not([data-count="0"])').count())
      .toBe(busy.length)

    await page.getByLabel('Times').selectOption('business')
    await section('Handle time per operator (business hours)').waitFor()
    await page.getByLabel('Times').selectOption('calendar')
    await settled()
    await shot('reports')
    // The charts follow their container's width once the browser reports the new size.
    await page.setViewportSize({ width: 375, height: 800 })
    await expect
      .poll(() =>
        page.evaluate(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        ),
      )
      .toBe(0)
    await app.onPhone('reports')
  })

  it('downloads each report as CSV with the rows on screen', async () => {
    const link = section('Per operator').getByRole('link', { name: 'Download CSV' })
    const href = (await link.getAttribute('href')) as string
    expect(href).toMatch(/\/api\/v1\/reports\/operators\.csv\?from=.+/)
    const csv = await page.request.get(new URL(href, server.url).toString())
    expect(csv.status()).toBe(200)
    const rows = parse(await csv.text(), { bom: true, columns: true }) as Record<string, string>[]
    expect(rows.map((row) => [row.name, row.completed])).toEqual([
      [OPERATORS[1].name, '4'],
      [OPERATORS[0].name, '2'],
    ])
  })

  it('lets a custom period be chosen, and says when it is backwards', async () => {
    await page.getByLabel('Period').selectOption('custom')
    await page.getByText('Choose a period').waitFor()
    const today = new Date().toISOString().slice(0, 10)
    await page.getByLabel('From', { exact: true }).fill('2020-01-02')
    await page.getByLabel('To', { exact: true }).fill('2020-01-01')
    await page.getByText('Choose a period').waitFor()
    await page.getByLabel('From', { exact: true }).fill('2020-01-01')
    await page.getByLabel('To', { exact: true }).fill('2020-01-31')
    await section('Per operator').getByText('Nothing done in this period').waitFor()
    await page.getByLabel('From', { exact: true }).fill(today)
    await page.getByText('Choose a period').waitFor()
    await page.getByLabel('To', { exact: true }).fill(today)
    // Today in the organization's zone (UTC by default) holds every completion.
    await expect
      .poll(() =>
        rowOf('Figures per operator', OPERATORS[1].name)
          .locator('[data-column="completed"]')
          .textContent(),
      )
      .toBe('4')
  })
})
