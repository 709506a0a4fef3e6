import type { FieldError } from '../../contract/errors'
import type { FormSection } from '../../contract/forms'

/**
 * Why a form's sections cannot be saved: an item naming a key no field definition has (or
 * no longer has), or a key already asked for earlier in the form. Each error points at the
 * item (`/body/sections/0/items/2/key`).
 */
export function formItemErrors(
  sections: readonly FormSection[],
  knownKeys: ReadonlySet<string>,
): FieldError[] {
  const errors: FieldError[] = []
  const seen = new Map<string, string>()
  sections.forEach((section, s) => {
    section.items.forEach((item, i) => {
      const path = `/body/sections/${s}/items/${i}/key`
      const first = seen.get(item.key)
      if (!knownKeys.has(item.key)) {
        errors.push({ path, message: `names no field definition (GET /fields): ${item.key}` })
      } else if (first) {
        errors.push({ path, message: `repeats ${first}: a field appears once in a form` })
      } else {
        seen.set(item.key, path)
      }
    })
  })
  return errors
}

/** Every key a form's sections name, in order. */
export function formKeys(sections: readonly FormSection[]): string[] {
  return sections.flatMap((section) => section.items.map((item) => item.key))
}
