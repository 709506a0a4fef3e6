/** How a native column is typed, which decides the operators and values it accepts. */
export type NativeFieldType = 'uuid' | 'status' | 'boolean' | 'timestamp' | 'skills'

interface NativeFieldSpec {
  readonly type: NativeFieldType
  /** Whether the column may be NULL, which the condition language treats as "missing". */
  readonly nullable: boolean
}

/** The task columns a condition, sort or group may name directly (the `tasks` table). */
export const NATIVE_FIELDS = {
  uid: { type: 'uuid', nullable: false },
  status: { type: 'status', nullable: false },
  archived: { type: 'boolean', nullable: false },
  due_at: { type: 'timestamp', nullable: false },
  created_at: { type: 'timestamp', nullable: false },
  updated_at: { type: 'timestamp', nullable: false },
  started_at: { type: 'timestamp', nullable: true },
  done_at: { type: 'timestamp', nullable: true },
  snooze_expires_at: { type: 'timestamp', nullable: true },
  sla_due_at: { type: 'timestamp', nullable: true },
  queue_uid: { type: 'uuid', nullable: true },
  assignee_uid: { type: 'uuid', nullable: true },
  skills: { type: 'skills', nullable: false },
  parent_uid: { type: 'uuid', nullable: true },
} as const satisfies Record<string, NativeFieldSpec>

/** The name of a native task column. */
export type NativeFieldName = keyof typeof NATIVE_FIELDS

/** Explicit prefix for custom fields, so that a custom field may share a native name. */
export const CUSTOM_FIELD_PREFIX = 'fields.'

/** What a field name in a condition, sort or group refers to. */
export type FieldRef =
  | ({ kind: 'native'; name: NativeFieldName } & NativeFieldSpec)
  | { kind: 'custom'; key: string }

/**
 * Resolves a field name: a native column by its exact name, otherwise a key of the task's
 * `fields` object. `fields.<key>` always means the custom field `<key>`, and the rest of the
 * name is taken verbatim (dots included), since custom keys are free-form.
 */
export function resolveField(field: string): FieldRef {
  if (field.startsWith(CUSTOM_FIELD_PREFIX)) {
    return { kind: 'custom', key: field.slice(CUSTOM_FIELD_PREFIX.length) }
  }
  // hasOwn, not `in`: names such as `constructor` must not hit Object.prototype.
  if (Object.hasOwn(NATIVE_FIELDS, field)) {
    const name = field as NativeFieldName
    return { kind: 'native', name, ...NATIVE_FIELDS[name] }
  }
  return { kind: 'custom', key: field }
}

/** SQL for a native column of the `tasks` table aliased `t`; names come from the whitelist. */
export function nativeColumn(name: NativeFieldName): string {
  return `t.${name}`
}
