// Preloaded into a server process (node --import) by test/api/org-scoped-statements.test.ts:
// writes every distinct SQL text the process sends, with the source line that sent it, to
// the file named by TESSERA_TEST_STATEMENT_LOG. Both engines go through node-postgres (PGlite
// through a pg.Client on its one session), so patching pg.Client sees every statement of
// either. pool.query reaches its client in a callback, after the caller's stack is gone: the
// pool's own entry point names the sender and hands the statement on marked as recorded.
import { appendFileSync } from 'node:fs'
import pg from 'pg'

const file = process.env.TESSERA_TEST_STATEMENT_LOG

const ROOT = new URL('../../', import.meta.url).pathname
const RECORDED = Symbol('recorded')

/**
 * Modules that only hand statements on, the sender being below them: a transaction, and
 * PGlite's shared session (whose statements waiting for a transaction keep their sender in
 * the async part of the stack).
 */
const PASSING_ON = new Set(['src/store/database.ts', 'src/store/engines/pglite-session-pool.ts'])

/** The first frame in Tessera's own source (with --enable-source-maps: src/…/x.ts:line). */
function sender(stack) {
  for (const line of (stack ?? '').split('\n').slice(1)) {
    const match = line.includes('node_modules')
      ? null
      : new RegExp(`${ROOT}(src/[\\w/.-]+\\.ts):(\\d+)`).exec(line)
    if (match && !PASSING_ON.has(match[1])) {
      return `${match[1]}:${match[2]}`
    }
  }
  return 'unknown'
}

if (file) {
  const seen = new Set()
  const record = (text, stack) => {
    const where = sender(stack)
    const key = `${where}\u0000${text}`
    if (!seen.has(key)) {
      seen.add(key)
      appendFileSync(file, `${JSON.stringify({ where, text })}\n`)
    }
  }
  const poolQuery = pg.Pool.prototype.query
  pg.Pool.prototype.query = function capturedPoolQuery(config, values, ...rest) {
    if (typeof config === 'string' || (typeof config?.text === 'string' && !config.submit)) {
      const text = typeof config === 'string' ? config : config.text
      record(text, new Error().stack)
      const marked = typeof config === 'string' ? { text } : { ...config }
      marked[RECORDED] = true
      if (Array.isArray(values)) {
        marked.values = values
        return poolQuery.call(this, marked, ...rest)
      }
      return poolQuery.call(this, marked, values, ...rest)
    }
    return poolQuery.call(this, config, values, ...rest)
  }
  const query = pg.Client.prototype.query
  pg.Client.prototype.query = function capturedQuery(config, ...rest) {
    const text = typeof config === 'string' ? config : config?.text
    if (typeof text === 'string' && !config[RECORDED]) {
      record(text, new Error().stack)
    }
    return query.call(this, config, ...rest)
  }
}
