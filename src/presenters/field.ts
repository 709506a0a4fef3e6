import type { FieldDefinition } from '../contract/fields'
import type { FieldRecord } from '../store/fields'

/** A field definition as the API shows it. */
export function presentField(field: FieldRecord): FieldDefinition {
  return {
    ...field,
    created_at: field.created_at.toISOString(),
    updated_at: field.updated_at.toISOString(),
  }
}
