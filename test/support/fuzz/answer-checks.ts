import { expect } from 'vitest'
import { ERRORS } from '../../../src/contract/errors'
import { describeCase, type FuzzCase } from './hostile-request'
import type { RawResponse } from './raw-request'

/**
 * The answer to any request a client can send: never a 5xx, and every refusal in the one
 * documented error shape, with the status its code has in the catalogue.
 */
export function expectSafeAnswer(fuzzCase: FuzzCase, res: RawResponse): void {
  const context = `${describeCase(fuzzCase)}\n→ ${res.status} ${res.text.slice(0, 500)}`
  expect(res.status, context).toBeGreaterThanOrEqual(200)
  expect(res.status, context).toBeLessThan(500)
  if (res.status < 400) {
    return
  }
  expect(res.headers['content-type'], context).toMatch(/^application\/json/)
  const body = JSON.parse(res.text) as { error: Record<string, unknown> }
  expect(Object.keys(body), context).toEqual(['error'])
  const { code, message, request_id, fields, ...rest } = body.error
  expect(rest, context).toEqual({})
  expect(Object.keys(ERRORS), context).toContain(code)
  expect(ERRORS[code as keyof typeof ERRORS].status, context).toBe(res.status)
  expect(typeof message === 'string' && message.length > 0, context).toBe(true)
  expect(request_id, context).toBe(res.headers['x-request-id'])
  if (fields !== undefined) {
    expect(code, context).toBe('validation_failed')
    for (const field of fields as { path: unknown; message: unknown }[]) {
      expect(typeof field.path === 'string' && typeof field.message === 'string', context).toBe(
        true,
      )
    }
  }
  if (res.status === 429) {
    expect(Number(res.headers['retry-after']), context).toBeGreaterThanOrEqual(0)
  }
}
