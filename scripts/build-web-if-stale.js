import { join } from 'node:path'
import { isWebBuildStale, ROOT } from './build-state.js'

// `npm start` runs this first: a checkout then serves its web app at `/` without a separate
// `npm run build:web` (about 3 s on a quiet machine, once), and never a stale one.

if (isWebBuildStale()) {
  let build
  try {
    ;({ build } = await import('vite'))
  } catch {
    // Installed without devDependencies: the server says at `/` how to build the app.
    console.error(
      'tessera: the web app is not built and vite is not installed; serving the API only.',
    )
  }
  if (build) {
    console.error('tessera: building the web app (web/dist is missing or older than web/)…')
    await build({ configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' })
  }
}
