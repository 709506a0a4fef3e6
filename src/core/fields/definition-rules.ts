import type { FieldError } from '../../contract/errors'
import { type FieldOption, type FieldType, SELECT_FIELD_TYPES } from '../../contract/fields'

/** The parts of a definition whose consistency is checked, as they would be stored. */
export interface DefinitionShape {
  key: string
  type: FieldType
  options: readonly FieldOption[] | null
  currency: string | null
}

/**
 * Keys every task has, with the types their values always have (`fields.title` is a required
 * string): a definition may describe them, but not as something they can never be.
 */
const NATIVE_FIELD_TYPES: Record<string, readonly FieldType[]> = {
  title: ['text', 'long_text'],
  url: ['url', 'text'],
}

/**
 * Why a definition, as it would be stored after a write, does not hold together: options
 * only on (and required for) selects, unique option values, a currency only on (and required
 * for) money. Each problem names the body key to change, even when the write only changed
 * the type (`typeChanged`): the message then says what to send with it.
 */
export function definitionErrors(shape: DefinitionShape, typeChanged = false): FieldError[] {
  const errors: FieldError[] = []
  const isSelect = SELECT_FIELD_TYPES.includes(shape.type)
  const hint = typeChanged ? ' (send `null` with the new type)' : ''
  if (isSelect && !shape.options) {
    errors.push({ path: '/body/options', message: `is required for type ${shape.type}` })
  }
  if (!isSelect && shape.options) {
    errors.push({
      path: '/body/options',
      message: `must be null for type ${shape.type}: only single_select and multi_select have options${hint}`,
    })
  }
  const seen = new Map<string, number>()
  shape.options?.forEach((option, index) => {
    const first = seen.get(option.value)
    if (first === undefined) {
      seen.set(option.value, index)
    } else {
      errors.push({
        path: `/body/options/${index}/value`,
        message: `repeats option ${first}: option values are unique`,
      })
    }
  })
  if (shape.type === 'money' && !shape.currency) {
    errors.push({ path: '/body/currency', message: 'is required for type money (such as EUR)' })
  }
  if (shape.type !== 'money' && shape.currency) {
    errors.push({
      path: '/body/currency',
      message: `must be null for type ${shape.type}: only money has a currency${hint}`,
    })
  }
  const native = NATIVE_FIELD_TYPES[shape.key]
  if (native && !native.includes(shape.type)) {
    errors.push({
      path: '/body/type',
      message: `must be ${native.join(' or ')}: every task's ${shape.key} is a string`,
    })
  }
  return errors
}
