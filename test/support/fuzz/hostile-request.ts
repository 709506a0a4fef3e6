import fc from 'fast-check'
import { type BodySpec, bodyBytes, contentType, hostileBody } from './hostile-body'
import { SQL_PAYLOADS, shortHostileKey, shortHostileText } from './hostile-values'
import { toJsonText } from './json-text'
import type { Operation } from './operations'
import type { RawRequest } from './raw-request'
import { type RefResolver, schemaValue } from './schema-values'

/** One generated request, readable when fast-check reports it. */
export interface FuzzCase {
  method: string
  target: string
  headers: Record<string, string | string[]>
  body?: BodySpec
}

/** What the generators need to know of the tenant under test. */
export interface FuzzTarget {
  /** A token of the tenant that may call every route. */
  token: string
  /** Uids of the tenant's own resources, by first path segment (`tasks`, `queues`, …). */
  uids: Record<string, string[]>
  /** The body limit of single-resource routes, in bytes. */
  bodyLimit: number
}

/** Percent-encodes every byte of the UTF-8 text but the unreserved ones. */
function strictEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('')
}

/** Leaves printable ASCII as is (`%`, `/`, `?`, `&`…), encodes the rest: odd but sendable. */
function looseEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      byte > 0x20 && byte < 0x7f
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).padStart(2, '0')}`,
    )
    .join('')
}

/** Path segments and query values that are already percent-encoded, badly on purpose. */
const RAW_ENCODINGS = [
  '%',
  '%zz',
  '%ff',
  '%00',
  '%2F',
  '%2f..%2f',
  '..',
  '.',
  '%2e%2e',
  '%2e%2e%2f%2e%2e%2ftokens',
  '%C0%AE%C0%AE',
  '%ED%A0%80',
  '%u002e',
  '%0d%0aSet-Cookie:%20x=1',
  ';',
  '%3B',
  '*',
  '+',
  '%2B',
]

const encodedText = fc.oneof(
  shortHostileText.map(strictEncode),
  shortHostileText.map(looseEncode),
  fc.constantFrom(...RAW_ENCODINGS),
)

function pathSegment(pool: string[]): fc.Arbitrary<string> {
  const uuids = fc.oneof(
    fc.uuid({ version: 4 }),
    fc.constantFrom(
      '00000000-0000-0000-0000-000000000000',
      'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
      '{00000000-0000-0000-0000-000000000000}',
    ),
    fc.uuid({ version: 4 }).map((uid) => uid.toUpperCase()),
  )
  return fc.oneof(
    { arbitrary: pool.length > 0 ? fc.constantFrom(...pool) : uuids, weight: 3 },
    { arbitrary: uuids, weight: 1 },
    { arbitrary: encodedText, weight: 4 },
    { arbitrary: fc.constantFrom(201, 5000).map((n) => 'x'.repeat(n)), weight: 1 },
  )
}

function queryString(op: Operation, resolve: RefResolver): fc.Arbitrary<string> {
  const documented = op.query.map(({ name, schema }) =>
    fc.tuple(
      fc.constant(name),
      fc.oneof(
        schemaValue(schema, resolve).map((value) => strictEncode(String(value))),
        encodedText,
      ),
    ),
  )
  const names = fc.oneof(
    shortHostileKey.map(strictEncode),
    fc.constantFrom('country', 'title', 'fields.title', 'status[]', 'a[b]', '__proto__[polluted]'),
    fc.constantFrom(...op.query.map((q) => q.name), 'limit'),
  )
  const pair = fc.oneof(
    ...documented,
    fc.tuple(names, encodedText),
    fc.tuple(names, fc.constantFrom(...SQL_PAYLOADS).map(strictEncode)),
  )
  return fc.oneof(
    { arbitrary: fc.constant(''), weight: 2 },
    {
      arbitrary: fc
        .array(pair, { minLength: 1, maxLength: 4 })
        .map((pairs) => `?${pairs.map(([name, value]) => `${name}=${value}`).join('&')}`),
      weight: 6,
    },
    {
      arbitrary: fc.constantFrom(
        '?',
        '?&&',
        '?=',
        '?a',
        '?a=1=2',
        '?;',
        `?x=${'y'.repeat(17_000)}`,
      ),
      weight: 1,
    },
  )
}

/** Latin-1 without control characters: whatever HTTP lets a client put in a header. */
function sendable(text: string): string {
  return [...text].map((c) => (/^[\t\x20-\x7e\x80-\xff]$/.test(c) ? c : '?')).join('')
}

function authorization(token: string): fc.Arbitrary<string | string[] | undefined> {
  const odd = fc.oneof(
    fc.constantFrom(
      '',
      'Bearer',
      'Bearer ',
      'Basic dXNlcjpwYXNz',
      'Negotiate abc',
      `Bearer ${token} ${token}`,
      `Bearer ${token.slice(0, -1)}`,
      `Bearer ${token}x`,
      `bearer ${token}`,
      `Bearer\t${token}`,
      `Bearer tsr_${'A'.repeat(43)}`,
      "Bearer tsr_' OR '1'='1",
      `Bearer ${'a'.repeat(10_000)}`,
    ),
    shortHostileText.map((text) => `Bearer ${sendable(text)}`),
    fc.constant<string[]>([`Bearer ${token}`, 'Bearer tsr_other']),
  )
  return fc.oneof(
    { arbitrary: fc.constant(`Bearer ${token}`), weight: 8 },
    { arbitrary: odd, weight: 2 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  )
}

const extraHeaders: fc.Arbitrary<Record<string, string>> = fc
  .array(
    fc.oneof(
      shortHostileText.map((text) => ['x-request-id', sendable(text)] as const),
      shortHostileText.map((text) => ['cookie', `tessera_session=${sendable(text)}`] as const),
      shortHostileText.map((text) => ['x-csrf-token', sendable(text)] as const),
      fc.constantFrom(
        ['accept', 'application/xml'] as const,
        ['accept', '*/*;q=abc'] as const,
        ['accept-encoding', 'gzip, br, zstd, x-unknown'] as const,
        ['content-encoding', 'gzip'] as const,
        ['x-forwarded-for', "1.2.3.4, ' OR 1=1"] as const,
        ['x-http-method-override', 'DELETE'] as const,
        ['host', 'evil.example'] as const,
        ['transfer-encoding', 'chunked'] as const,
      ),
      // Over the 16 KiB the server reads: it answers 431, and must still be heard by a client
      // that is sending a body at the time.
      fc.constantFrom(100, 8000, 17_000).map((n) => ['x-pad', 'p'.repeat(n)] as const),
      fc.constantFrom(
        ['x-request-id', 'r'.repeat(101)] as const,
        ['cookie', `a=${'c'.repeat(9000)}`] as const,
      ),
    ),
    { maxLength: 3 },
  )
  .map((pairs) => Object.fromEntries(pairs))

/** Hostile requests for one operation: path, query, headers and body each hostile or not. */
export function hostileRequest(
  op: Operation,
  resolve: RefResolver,
  target: FuzzTarget,
): fc.Arbitrary<FuzzCase> {
  const pool = target.uids[op.path.split('/')[1] ?? ''] ?? []
  const path = fc
    .array(pathSegment(pool), { minLength: op.pathParams.length, maxLength: op.pathParams.length })
    .map((segments) => {
      let filled = op.path
      for (const [i, name] of op.pathParams.entries()) {
        filled = filled.replace(`{${name}}`, segments[i] as string)
      }
      return `/api/v1${filled}`
    })
  return fc
    .record({
      path,
      query: queryString(op, resolve),
      authorization: authorization(target.token),
      extra: extraHeaders,
      body: hostileBody(op, resolve),
    })
    .chain((parts) =>
      contentType(parts.body !== undefined).map((type) => {
        const headers: Record<string, string | string[]> = { ...parts.extra }
        if (parts.authorization !== undefined) {
          headers.authorization = parts.authorization
        }
        if (type !== undefined) {
          headers['content-type'] = type
        }
        const fuzzCase: FuzzCase = {
          method: op.method,
          target: parts.path + parts.query,
          headers,
          ...(parts.body ? { body: parts.body } : {}),
        }
        return Object.assign(fuzzCase, { [fc.toStringMethod]: () => describeCase(fuzzCase) })
      }),
    )
}

function shorten(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`
}

/** A readable account of a case, long values cut short. */
export function describeCase(fuzzCase: FuzzCase): string {
  const headers = Object.entries(fuzzCase.headers)
    .map(([name, value]) => `${name}: ${shorten(JSON.stringify(value), 120)}`)
    .join('; ')
  const spec = fuzzCase.body
  const body =
    spec === undefined
      ? 'no body'
      : spec.kind === 'huge'
        ? `a JSON body ${spec.size} bytes over the limit`
        : spec.kind === 'raw' && Array.isArray(spec.bytes)
          ? `bytes ${Buffer.from(spec.bytes).toString('hex')}`
          : shorten(spec.kind === 'raw' ? (spec.bytes as string) : toJsonText(spec.doc))
  return `${fuzzCase.method} ${shorten(fuzzCase.target)} [${headers}] ${body}`
}

/** The case as bytes on the wire. */
export function toRawRequest(fuzzCase: FuzzCase, bodyLimit: number): RawRequest {
  return {
    method: fuzzCase.method,
    target: fuzzCase.target,
    headers: fuzzCase.headers,
    body: bodyBytes(fuzzCase.body, bodyLimit),
  }
}
