import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type BrowserContext, chromium } from 'playwright-core'
import { CHROMIUM_PATH } from '../support/requirements'

/**
 * Where the browser test saves its screenshots: test output, not committed
 * (`npm run screenshots` copies the README's ones to docs/screenshots).
 */
export const SCREENSHOTS_DIR = fileURLToPath(
  new URL('../../test-results/screenshots/', import.meta.url),
)

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** A browser on a fresh profile, and how to close it and remove the profile. */
export interface TestBrowser {
  context: BrowserContext
  close: () => Promise<void>
}

/** Options of {@link launchBrowser}. */
export interface LaunchOptions {
  /**
   * An unpacked extension folder to load. Chromium's `--headless` is its new headless mode,
   * which runs extensions; Playwright's own `--disable-extensions` is left out for it.
   */
  extension?: string
}

/** Starts headless Chromium with an empty profile of its own, at 1280×800. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'tessera-e2e-profile-'))
  const { extension } = options
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: extension
      ? [...ARGS, `--disable-extensions-except=${extension}`, `--load-extension=${extension}`]
      : ARGS,
    ...(extension ? { ignoreDefaultArgs: ['--disable-extensions'] } : {}),
    headless: true,
    viewport: { width: 1280, height: 800 },
  })
  return {
    context,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
