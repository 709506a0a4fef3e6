/**
 * A custom field's value as plain text, by its definition's type, in the reader's locale:
 * `fieldText(definition, value, userNames)`. For places that show text only (titles,
 * tooltips, search suggestions); pages show values with `<FieldValue>` (links, chips…).
 * And `fieldProblem(definition, value)`: why a stored value does not match its definition.
 */
import { checkFieldValue } from '../../../src/core/fields/check-value'
import type { FieldDefinition } from '../api'
import { formatDateTime } from '../ui/format'

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 20 })
const moneyFormats = new Map<string, Intl.NumberFormat>()

/**
 * Why `value` does not fit its definition (`must be a number`…), or null when it fits, is
 * empty, or has no definition. Values are stored as sent (unless the organization is strict):
 * the app shows this beside them.
 */
export function fieldProblem(definition: FieldDefinition | null, value: unknown): string | null {
  return definition ? checkFieldValue(definition, value) : null
}

/** A `YYYY-MM-DD` day in the reader's locale (`12 Sep 2025`), on no time zone: no shift. */
export function formatDay(text: string): string {
  const match = DATE.exec(text)
  if (!match) {
    return text
  }
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number]
  return dateFormat.format(new Date(year, month - 1, day))
}

/** An amount in a currency (`€1,234.50`); the code itself when the browser does not know it. */
export function formatMoney(amount: number, currency: string | null | undefined): string {
  if (!currency) {
    return numberFormat.format(amount)
  }
  let format = moneyFormats.get(currency)
  if (!format) {
    try {
      format = new Intl.NumberFormat(undefined, { style: 'currency', currency })
    } catch {
      return `${numberFormat.format(amount)} ${currency}`
    }
    moneyFormats.set(currency, format)
  }
  return format.format(amount)
}

/** The label of a select's option, or the stored value when no option has it. */
export function optionLabel(definition: FieldDefinition, value: string): string {
  return definition.options?.find((option) => option.value === value)?.label ?? value
}

/** Any JSON as short text: strings as they are, the rest as JSON. */
export function rawText(value: unknown): string {
  if (value === undefined) {
    return ''
  }
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/**
 * The value as text by its definition's type; a value that does not fit the type (see
 * {@link fieldProblem}) or has no definition is shown raw. Empty values give ''.
 */
export function fieldText(
  definition: FieldDefinition | null,
  value: unknown,
  userNames?: ReadonlyMap<string, string>,
): string {
  if (value === undefined || value === null || value === '') {
    return ''
  }
  if (!definition || fieldProblem(definition, value)) {
    return rawText(value)
  }
  switch (definition.type) {
    case 'number':
      return numberFormat.format(value as number)
    case 'money':
      return formatMoney(value as number, definition.currency)
    case 'date':
      return formatDay(value as string)
    case 'datetime':
      return formatDateTime(value as string)
    case 'boolean':
      return value ? 'Yes' : 'No'
    case 'single_select':
      return optionLabel(definition, value as string)
    case 'multi_select':
      return (value as string[]).map((item) => optionLabel(definition, item)).join(', ')
    case 'user':
      return userNames?.get(value as string) ?? (value as string)
    default:
      return value as string
  }
}
