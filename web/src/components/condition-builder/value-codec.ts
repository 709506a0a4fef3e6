import type { Operator } from './condition'

/**
 * How a leaf's value is typed in the editor. The API compares JSON values by type ("123" is
 * not 123), so the user picks the type rather than having it guessed from the text.
 * `json` edits any value as raw JSON, so every condition the API accepts can be loaded and
 * saved unchanged; `none` is a leaf without a value (an `exists` test as sent by a script).
 */
export type ValueType = 'text' | 'number' | 'boolean' | 'null' | 'list' | 'number-list' | 'json'
export type LeafValueType = ValueType | 'none'

export const VALUE_TYPE_LABELS: Record<ValueType, string> = {
  text: 'Text',
  number: 'Number',
  boolean: 'Boolean',
  null: 'Null',
  list: 'List of text',
  'number-list': 'List of numbers',
  json: 'JSON',
}

const SCALARS: readonly ValueType[] = ['text', 'number', 'boolean', 'null', 'json']
const ORDERED: readonly ValueType[] = ['text', 'number']

/** The value types that make sense for each operator; the first is the default. */
export const VALUE_TYPES_BY_OPERATOR: Record<Operator, readonly ValueType[]> = {
  '==': SCALARS,
  '!=': SCALARS,
  '<': ORDERED,
  '<=': ORDERED,
  '>': ORDERED,
  '>=': ORDERED,
  in: ['list', 'number-list', 'json'],
  contains: ['text'],
  exists: ['boolean'],
}

export type ParsedValue = { ok: true; value: unknown } | { ok: false; message: string }

const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

function parseNumber(text: string): number | undefined {
  const trimmed = text.trim()
  return NUMBER.test(trimmed) ? Number(trimmed) : undefined
}

/** List items are comma-separated; blank items are dropped. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

/** Turns the edited text into the JSON value sent to the API, or says what is wrong. */
export function parseValue(type: LeafValueType, text: string): ParsedValue {
  switch (type) {
    case 'text':
      return { ok: true, value: text }
    case 'number': {
      const value = parseNumber(text)
      return value === undefined ? { ok: false, message: 'Enter a number' } : { ok: true, value }
    }
    case 'boolean':
      return { ok: true, value: text === 'true' }
    case 'null':
      return { ok: true, value: null }
    case 'list':
      return { ok: true, value: splitList(text) }
    case 'number-list': {
      const items = splitList(text).map(parseNumber)
      return items.every((item) => item !== undefined)
        ? { ok: true, value: items }
        : { ok: false, message: 'Enter numbers separated by commas' }
    }
    case 'json':
      try {
        return { ok: true, value: JSON.parse(text) }
      } catch {
        return { ok: false, message: 'Enter valid JSON' }
      }
    case 'none':
      return { ok: true, value: undefined }
  }
}

/** Whether a string survives being written in a comma-separated list and read back. */
function isPlainListItem(item: unknown): item is string {
  return typeof item === 'string' && item !== '' && item === item.trim() && !item.includes(',')
}

/**
 * The editor's type and text for a value that came from the API, chosen so that
 * `parseValue(type, text)` gives the same value back.
 */
export function formatValue(value: unknown): { valueType: LeafValueType; valueText: string } {
  if (value === undefined) {
    return { valueType: 'none', valueText: '' }
  }
  if (typeof value === 'string') {
    return { valueType: 'text', valueText: value }
  }
  if (typeof value === 'number' && Object.is(parseNumber(String(value)), value)) {
    return { valueType: 'number', valueText: String(value) }
  }
  if (typeof value === 'boolean') {
    return { valueType: 'boolean', valueText: String(value) }
  }
  if (value === null) {
    return { valueType: 'null', valueText: '' }
  }
  if (Array.isArray(value) && value.length > 0) {
    if (value.every(isPlainListItem)) {
      return { valueType: 'list', valueText: value.join(', ') }
    }
    if (value.every((item) => typeof item === 'number' && Number.isFinite(item))) {
      return { valueType: 'number-list', valueText: value.join(', ') }
    }
  }
  if (Array.isArray(value) && value.length === 0) {
    return { valueType: 'list', valueText: '' }
  }
  return { valueType: 'json', valueText: JSON.stringify(value) }
}

/**
 * Converts a value to another type, keeping what the user typed when it still makes sense
 * (a number becomes a one-item number list, a list's first item becomes text).
 */
export function convertValue(
  from: LeafValueType,
  text: string,
  to: ValueType,
): { valueType: ValueType; valueText: string } {
  if (from === to) {
    return { valueType: to, valueText: text }
  }
  const firstItem = splitList(text)[0] ?? ''
  switch (to) {
    case 'text':
      return {
        valueType: to,
        valueText: from === 'list' || from === 'number-list' ? firstItem : keepText(from, text),
      }
    case 'number':
      return { valueType: to, valueText: from === 'number-list' ? firstItem : keepNumber(text) }
    case 'boolean':
      return { valueType: to, valueText: text === 'false' ? 'false' : 'true' }
    case 'null':
      return { valueType: to, valueText: '' }
    case 'list':
    case 'number-list':
      return {
        valueType: to,
        valueText:
          from === 'text' || from === 'number' || from === 'list' || from === 'number-list'
            ? text
            : '',
      }
    case 'json': {
      const parsed = parseValue(from, text)
      return {
        valueType: to,
        valueText: parsed.ok && parsed.value !== undefined ? JSON.stringify(parsed.value) : '',
      }
    }
  }
}

function keepText(from: LeafValueType, text: string): string {
  return from === 'number' ? text : ''
}

function keepNumber(text: string): string {
  return parseNumber(text) === undefined ? '' : text.trim()
}

/** The value type a leaf gets when its operator changes and its current type no longer fits. */
export function valueTypeForOperator(
  operator: Operator,
  current: LeafValueType,
  text: string,
): { valueType: LeafValueType; valueText: string } {
  const allowed = VALUE_TYPES_BY_OPERATOR[operator]
  if (current === 'none' && operator === 'exists') {
    return { valueType: current, valueText: text }
  }
  if (current !== 'none' && allowed.includes(current)) {
    return { valueType: current, valueText: text }
  }
  const preferred = preferredType(current, allowed)
  return convertValue(current, text, preferred)
}

function preferredType(current: LeafValueType, allowed: readonly ValueType[]): ValueType {
  const counterpart: Partial<Record<LeafValueType, ValueType>> = {
    number: 'number-list',
    'number-list': 'number',
    list: 'text',
    text: 'list',
  }
  const wanted = counterpart[current]
  return wanted && allowed.includes(wanted) ? wanted : (allowed[0] ?? 'text')
}
