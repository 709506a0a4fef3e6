import type { FieldType } from '../../../api'

/** How each field type is named in Settings, in the order the type picker lists them. */
export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  text: 'Text',
  long_text: 'Long text',
  number: 'Number',
  money: 'Money',
  date: 'Date',
  datetime: 'Date and time',
  boolean: 'Yes / no',
  url: 'Link (URL)',
  email: 'Email',
  single_select: 'Single choice',
  multi_select: 'Multiple choice',
  user: 'User',
}

export const FIELD_TYPES = Object.keys(FIELD_TYPE_LABELS) as FieldType[]

/** Types whose values come from a list of options. */
export function hasOptions(type: FieldType): boolean {
  return type === 'single_select' || type === 'multi_select'
}

/** Currencies the picker suggests; any ISO 4217 code is accepted. */
export const COMMON_CURRENCIES = [
  'EUR',
  'USD',
  'GBP',
  'CHF',
  'JPY',
  'CAD',
  'AUD',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'CZK',
  'INR',
  'BRL',
  'MXN',
  'CNY',
]
