import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const webRoot = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  // Served by `tessera serve` at the site root, so assets are absolute from `/`.
  base: '/',
  resolve: {
    // The import page parses CSV with the same code as `tessera import` (src/import); in the
    // browser csv-parse's own browser build stands in for its Node one, which needs Buffer.
    alias: { 'csv-parse/sync': 'csv-parse/browser/esm/sync' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    // `vite --config web/vite.config.ts` for development: the API stays same-origin, so the
    // session cookie (SameSite=Strict) and the CSRF header work exactly as in production.
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
})
