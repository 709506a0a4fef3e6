import fc from 'fast-check'
import { deeplyNested, type Json, toJsonText } from './json-text'
import { applyMutations, mutation } from './mutate'
import type { Operation } from './operations'
import { type RefResolver, schemaValue } from './schema-values'

/** A body to send: a document, raw bytes, or one just over the size limit. */
export type BodySpec =
  | { kind: 'json'; doc: Json }
  | { kind: 'raw'; bytes: number[] | string }
  | { kind: 'huge'; size: number }

const ODD_CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/json; charset=iso-8859-1',
  'APPLICATION/JSON',
  'application/json;;',
  'application/jsonp',
  'application/merge-patch+json',
  '*/*',
  '',
]

/** `{"a":"…"}` around bytes that are not UTF-8: 0xFF, an overlong NUL, an encoded surrogate, a
 * cut sequence; and UTF-16 with its byte-order mark. */
const INVALID_UTF8 = [
  [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d],
  [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0x80, 0x22, 0x7d],
  [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d],
  [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe2, 0x82, 0x22, 0x7d],
  [0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00],
]

const rawBody: fc.Arbitrary<BodySpec> = fc.oneof(
  fc
    .constantFrom(
      '',
      ' ',
      'null',
      'true',
      '0',
      '"text"',
      '[]',
      '[{}]',
      '{',
      '}',
      '{"a":}',
      '{"a":1,}',
      "{'a':1}",
      '{"a":1}{"b":2}',
      '{} trailing',
      '{"a":NaN}',
      '{"a":Infinity}',
      '/* comment */ {}',
      '{"fields":{"title":"x","a":"\\u0000"}}',
      '{"fields":{"title":"\\ud800"}}',
      '{"__proto__":{"polluted":true}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      '{"fields":{"title":"x","__proto__":{"polluted":true}}}',
      '\ufeff{"fields":{"title":"bom"}}',
      `{"a":${'1'.repeat(400)}}`,
      'x=1&y=2',
      '<xml/>',
    )
    .map((text) => ({ kind: 'raw' as const, bytes: text })),
  fc.constantFrom(...INVALID_UTF8).map((bytes) => ({ kind: 'raw' as const, bytes })),
  fc
    .tuple(fc.constantFrom(1000, 10_000), fc.constantFrom('array', 'object'))
    .map(([levels, kind]) => ({
      kind: 'raw' as const,
      bytes: toJsonText(deeplyNested(levels, kind as 'array' | 'object')),
    })),
  fc.nat(64).map((extra) => ({ kind: 'huge' as const, size: extra + 1 })),
)

/** Bodies for one operation: valid, mutated from valid, or raw garbage. */
export function hostileBody(
  op: Operation,
  resolve: RefResolver,
): fc.Arbitrary<BodySpec | undefined> {
  if (!op.body) {
    return fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 6 },
      { arbitrary: fc.constant({ kind: 'raw' as const, bytes: '{}' }), weight: 1 },
      { arbitrary: rawBody, weight: 2 },
    )
  }
  const valid = schemaValue(op.body, resolve)
  return fc.oneof(
    { arbitrary: valid.map((doc) => ({ kind: 'json' as const, doc })), weight: 2 },
    {
      arbitrary: fc
        .tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 3 }))
        .map(([doc, changes]) => ({ kind: 'json' as const, doc: applyMutations(doc, changes) })),
      weight: 5,
    },
    { arbitrary: rawBody, weight: 2 },
  )
}

/** Mostly the right content type, sometimes a wrong or odd one. */
export function contentType(hasBody: boolean): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { arbitrary: fc.constant(hasBody ? 'application/json' : undefined), weight: 8 },
    { arbitrary: fc.constantFrom(...ODD_CONTENT_TYPES, undefined), weight: 2 },
  )
}

/** A body as bytes; `huge` ones are made here, not carried around by fast-check. */
export function bodyBytes(spec: BodySpec | undefined, bodyLimit: number): Buffer | undefined {
  if (spec?.kind === 'json') {
    return Buffer.from(toJsonText(spec.doc), 'utf8')
  }
  if (spec?.kind === 'raw') {
    return typeof spec.bytes === 'string'
      ? Buffer.from(spec.bytes, 'utf8')
      : Buffer.from(spec.bytes)
  }
  if (spec?.kind === 'huge') {
    const frame = '{"fields":{"title":"huge","pad":""}}'
    const pad = 'x'.repeat(bodyLimit + spec.size - frame.length)
    return Buffer.from(`{"fields":{"title":"huge","pad":"${pad}"}}`, 'utf8')
  }
  return undefined
}
