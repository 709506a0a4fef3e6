import fc from 'fast-check'
import { deeplyNested, type Json, JsonObject, RawJson } from './json-text'

/** SQL a careless query would run: as field names, values, query parameters. */
export const SQL_PAYLOADS = [
  "' OR '1'='1",
  "'; DROP TABLE tasks; --",
  "x'); DELETE FROM api_tokens; --",
  "' UNION SELECT token_hash FROM api_tokens --",
  '"; SELECT pg_sleep(30); --',
  '$1',
  '$$; SELECT 1; $$',
  "E'\\\\x00'",
  "%' OR 1=1 --",
  "fields->>'title'",
  '@> \'{"a":1}\'',
  '?|',
  '::jsonb',
  '1)); SELECT version(); --',
]

/** Keys that pollute prototypes when merged carelessly, and their harmless cousins. */
export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  '__lookupSetter__',
]

/** Text that trips parsers, encoders and databases. */
export const ODD_TEXT = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud83d',
  '\ud83d\ude00',
  '\u202e\u202d',
  '\ufeff',
  '\uffff',
  '\u0085\u2028\u2029',
  '\r\n\t',
  'e\u0301',
  '𝕏',
  '\u200b',
  '../../',
  '%00',
  '%',
  '\\',
  '"',
  "'",
  // Template injection, as text: the placeholder must reach the server unexpanded.
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholder is the payload.
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  'null',
  'true',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x10',
  '  42  ',
  '2025-02-30T25:61:61Z',
  '0000-01-01T00:00:00Z',
]

/** Number literals JSON.stringify never writes: out of range, negative zero, too precise. */
export const ODD_NUMBERS = [
  '1e309',
  '-1e309',
  '-0',
  '1e-400',
  '0.1e-999999',
  '123456789012345678901234567890',
  '9007199254740993',
  '-9223372036854775809',
  '1E+2',
  '0.0000000000000000000000000000001',
]

/** Any UTF-16 string, lone surrogates included (fast-check's own strings are well formed). */
export const anyUtf16 = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 })
  .map((codes) => String.fromCharCode(...codes))

/** Long text, from a little over typical limits to most of a body. */
export const longText = fc
  .tuple(fc.constantFrom(201, 1001, 5001, 65_537, 200_000), fc.constantFrom('x', 'é', '𝕏', "'"))
  .map(([length, unit]) => unit.repeat(length))

/** Hostile text short enough for a header, a path segment or a query value. */
export const shortHostileText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...SQL_PAYLOADS), weight: 2 },
  { arbitrary: fc.constantFrom(...ODD_TEXT), weight: 3 },
  { arbitrary: fc.constantFrom(...PROTOTYPE_KEYS), weight: 1 },
  { arbitrary: anyUtf16, weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 1 },
)

/** Hostile text of any kind, long text included. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: shortHostileText, weight: 9 },
  { arbitrary: longText, weight: 1 },
)

/** Object keys short enough for a query parameter name. */
export const shortHostileKey: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...PROTOTYPE_KEYS), weight: 3 },
  { arbitrary: fc.constantFrom(...SQL_PAYLOADS), weight: 2 },
  {
    arbitrary: fc.constantFrom('title', 'uid', 'status', 'fields', 'a.b', 'a/b', '~0', ''),
    weight: 2,
  },
  { arbitrary: shortHostileText, weight: 2 },
)

/** Object keys: hostile text, custom-field lookalikes and prototype names, long ones too. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: shortHostileKey, weight: 9 },
  { arbitrary: longText, weight: 1 },
)

/** Deep nesting as raw text: far past any sane limit, and just around ours. */
const deep = fc
  .tuple(fc.constantFrom(63, 64, 65, 100, 1000, 10_000), fc.constantFrom('array', 'object'))
  .map(([levels, kind]) => deeplyNested(levels, kind as 'array' | 'object'))

/** A value of the wrong kind, or of the right kind taken too far. */
export const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  { arbitrary: hostileText, weight: 4 },
  { arbitrary: fc.constantFrom(...ODD_NUMBERS).map((text) => new RawJson(text)), weight: 2 },
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant<Json>([]),
  fc.constant<Json>(new JsonObject([])),
  deep,
  // `{"__proto__": {"polluted": true}}` and friends, as values of any field.
  fc
    .tuple(fc.constantFrom(...PROTOTYPE_KEYS), fc.constantFrom('polluted', 'prototype', 'title'))
    .map(([outer, inner]) => new JsonObject([[outer, new JsonObject([[inner, true]])]])),
  fc.array(hostileText, { maxLength: 4 }),
)
