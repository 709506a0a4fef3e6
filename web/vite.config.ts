import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const webRoot = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  // Served by `tessera serve` at the site root, so assets are absolute from `/`.
  base: '/',
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
