import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { beforeEach, expect } from 'vitest'
import { createTesseraClient, type TesseraClient } from '../../sdk/src/index'
import { runCli } from '../support/cli'
import { type ServerProcess, startServer } from '../support/server-process'
import { launchBrowser, SCREENSHOTS_DIR, type TestBrowser } from './browser'
import { buildExtension, buildWebApp, EXTENSION_DIR } from './build-web'

/** Where a failed step leaves a screenshot of the page (test-results/ is not committed). */
const FAILURES_DIR = fileURLToPath(new URL('../../test-results/e2e/', import.meta.url))

/** Everyone's password in the browser tests. */
export const PASSWORD = 'correct horse battery staple'

/** The first user of every app under test, made on the CLI before the server starts. */
export const SUPER_ADMIN = { email: 'ada@example.test', name: 'Ada Admin' }

/** Options of {@link startAppUnderTest}. */
export interface AppUnderTestOptions {
  /** Names the data directory (tessera-e2e-<name>-…), to tell a leftover one apart. */
  name: string
  /**
   * Issues an admin token on the CLI and returns a typed client with it as `api`: setup through
   * the API, without a session of the page.
   */
  adminToken?: boolean
  /**
   * Builds the extension and loads it unpacked, and returns its id. Such a test opens no page
   * of the web app, so it does not build it either.
   */
  extension?: boolean
  /**
   * More CLI commands on the data directory once the super admin exists and before the server
   * starts (such as an operator and their token); `tessera` runs one and returns its last line.
   */
  beforeServe?: (tessera: (args: string[]) => Promise<string>) => Promise<void>
}

/** A running `tessera serve` with one Chromium page on it, and how to take it all down. */
export interface AppUnderTest {
  server: ServerProcess
  browser: TestBrowser
  /** The page the steps drive, with a 20 s default timeout. */
  page: Page
  /** The loaded extension's id (its pages' host), with the `extension` option; else ''. */
  extensionId: string
  /** Saves a screenshot of the page as test-results/screenshots/<name>.png. */
  shot: (name: string) => Promise<Buffer>
  /** Waits until no loading line of the app is on screen, for screenshots worth keeping. */
  settled: () => Promise<void>
  /**
   * Looks at the page on a phone (375 px wide): nothing may be wider than the screen, and a
   * full-page screenshot is saved as <name>-mobile.png. The page is back at 1280 px after.
   */
  onPhone: (name: string) => Promise<void>
  /** Waits for the page's level-1 heading. */
  heading: (name: string | RegExp) => Promise<void>
  /** Follows a link of the main navigation, as a person would. */
  navigate: (name: string) => Promise<void>
  /** Signs in on the login form on screen, and waits for the signed-in app. */
  signIn: (email: string, password?: string) => Promise<void>
  /** Closes the browser, stops the server and removes the data directory. */
  close: () => Promise<void>
}

/** An app started with `adminToken`: a typed client of the API as an admin, for setup. */
export interface AppUnderTestWithApi extends AppUnderTest {
  api: TesseraClient
}

/**
 * Builds what the test runs, makes the first super admin (and what `options` asks for) on a
 * fresh PGlite data directory, starts `tessera serve` on it and opens a page in headless
 * Chromium. When a step of this fails, what was already started is taken down again: a
 * failing beforeAll leaves no server behind.
 */
export async function startAppUnderTest(
  options: AppUnderTestOptions & { adminToken: true },
): Promise<AppUnderTestWithApi>
export async function startAppUnderTest(options: AppUnderTestOptions): Promise<AppUnderTest>
export async function startAppUnderTest(
  options: AppUnderTestOptions,
): Promise<AppUnderTest & { api?: TesseraClient }> {
  const dataDir = mkdtempSync(join(tmpdir(), `tessera-e2e-${options.name}-`))
  // Undone last first: the browser before the server it talks to, the server before its data.
  const undo: (() => Promise<void> | void)[] = [
    () => rmSync(dataDir, { recursive: true, force: true }),
  ]
  const close = async () => {
    for (const step of undo.splice(0).reverse()) {
      await step()
    }
  }
  try {
    await (options.extension ? buildExtension() : buildWebApp())
    const tessera = async (args: string[]) => {
      const run = await runCli([...args, '--data', dataDir])
      expect(run.code, run.stderr).toBe(0)
      // `tokens create` prints the token on its last line.
      return run.stdout.trim().split('\n').at(-1) ?? ''
    }
    await tessera([
      'users',
      'create',
      '--email',
      SUPER_ADMIN.email,
      '--name',
      SUPER_ADMIN.name,
      '--role',
      'super_admin',
      '--password',
      PASSWORD,
    ])
    const token = options.adminToken
      ? await tessera(['tokens', 'create', '--name', 'e2e setup', '--role', 'admin'])
      : undefined
    await options.beforeServe?.(tessera)

    const server = await startServer(['--data', dataDir])
    undo.push(() => server.stop())
    const browser = await launchBrowser(options.extension ? { extension: EXTENSION_DIR } : {})
    undo.push(() => browser.close())
    let extensionId = ''
    let page: Page
    if (options.extension) {
      // The extension's service worker starts with the browser; its URL names the extension.
      const worker =
        browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'))
      extensionId = new URL(worker.url()).host
      // Its steps count the browser's tabs: they play in the one Chromium opens, not beside it.
      page = browser.context.pages()[0] ?? (await browser.context.newPage())
    } else {
      page = await browser.context.newPage()
    }
    page.setDefaultTimeout(20_000)

    return {
      server,
      browser,
      page,
      extensionId,
      ...(token === undefined
        ? {}
        : { api: createTesseraClient({ baseUrl: `${server.url}/api/v1`, token }) }),
      shot: (name) => page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`) }),
      settled: () => expect.poll(() => page.locator('p.loading').count()).toBe(0),
      onPhone: async (name) => {
        await page.setViewportSize({ width: 375, height: 800 })
        try {
          // Charts resize from a ResizeObserver after the viewport changes: what counts is the
          // layout once they have, not the frame before.
          await expect
            .poll(
              () =>
                page.evaluate(
                  'document.documentElement.scrollWidth - document.documentElement.clientWidth',
                ),
              { message: `${name} is wider than a phone's screen`, timeout: 5000 },
            )
            .toBe(0)
          await page.screenshot({
            path: join(SCREENSHOTS_DIR, `${name}-mobile.png`),
            fullPage: true,
          })
        } finally {
          await page.setViewportSize({ width: 1280, height: 800 })
        }
      },
      heading: (name) => page.getByRole('heading', { level: 1, name }).waitFor(),
      navigate: (name) =>
        page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click(),
      signIn: async (email, password = PASSWORD) => {
        await page.getByLabel('Email').fill(email)
        await page.getByLabel('Password').fill(password)
        await page.getByRole('button', { name: 'Sign in' }).click()
        await page.getByRole('button', { name: 'Sign out' }).waitFor()
      },
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}

/**
 * For a describe block whose steps depend on each other (one session, the same tasks): after
 * a failure, skip the rest instead of letting each of them wait for its own timeout, and save
 * what the page showed to test-results/e2e/<prefix><step>.png for whoever reads the failure.
 */
export function skipRestAfterFailure(page: () => Page | undefined, prefix = ''): void {
  let broken = false
  beforeEach(({ onTestFailed, skip, task }) => {
    if (broken) {
      skip()
    }
    onTestFailed(async () => {
      broken = true
      const name = `${prefix}${task.name.replace(/\W+/g, '-')}`
      await page()?.screenshot({ path: join(FAILURES_DIR, `${name}.png`), fullPage: true })
    })
  })
}
