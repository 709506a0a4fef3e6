import type { FieldType } from '../../contract/fields'
import { isUuid } from '../conditions/json-values'

/** What a value is checked against: the parts of a field definition that constrain it. */
export interface FieldShape {
  type: FieldType
  options?: readonly { value: string }[] | null
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
// ISO 8601 with a time zone, as the API writes timestamps.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

function isRealDate(text: string): boolean {
  const match = DATE.exec(text)
  if (!match) {
    return false
  }
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

function isWebUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text)
    return protocol === 'http:' || protocol === 'https:'
  } catch {
    return false
  }
}

/**
 * Why `value` does not fit a field of this shape, or null when it does. Absent values
 * (undefined, null, '') always fit: whether one is needed is a question of the form or of
 * `required_for_completion`, not of the type.
 */
export function checkFieldValue(shape: FieldShape, value: unknown): string | null {
  if (value === undefined || value === null || value === '') {
    return null
  }
  const options = new Set((shape.options ?? []).map((option) => option.value))
  switch (shape.type) {
    case 'text':
    case 'long_text':
      return typeof value === 'string' ? null : 'must be text'
    case 'number':
    case 'money':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number'
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false'
    case 'date':
      return typeof value === 'string' && isRealDate(value) ? null : 'must be a date (YYYY-MM-DD)'
    case 'datetime':
      return typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))
        ? null
        : 'must be a date-time with a time zone (ISO 8601)'
    case 'url':
      return typeof value === 'string' && isWebUrl(value) ? null : 'must be an http(s) URL'
    case 'email':
      return typeof value === 'string' && EMAIL.test(value) ? null : 'must be an email address'
    case 'user':
      return isUuid(value) ? null : 'must be a user uid'
    case 'single_select':
      return typeof value === 'string' && options.has(value) ? null : 'must be one of the options'
    case 'multi_select':
      return Array.isArray(value) &&
        value.every((item) => typeof item === 'string' && options.has(item))
        ? null
        : 'must be a list of the options'
  }
}

/** Whether a field counts as filled in, for a form or `required_for_completion`. */
export function hasFieldValue(value: unknown): boolean {
  if (value === undefined || value === null) {
    return false
  }
  if (typeof value === 'string') {
    return value.trim() !== ''
  }
  if (Array.isArray(value)) {
    return value.length > 0
  }
  return true
}
