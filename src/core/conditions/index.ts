/**
 * The condition language of `POST /tasks/query` and queue routing: validation, compilation
 * to PostgreSQL and in-memory evaluation, with one set of semantics (see compile-leaf.ts).
 */
export { compileCondition } from './compile-condition'
export { type CompiledGroups, compileGroups, type GroupColumn } from './compile-groups'
export { compileSorts } from './compile-sorts'
export { type ConditionSubject, evaluateCondition } from './evaluate-condition'
export { exceedsJsonDepth } from './json-values'
export {
  CUSTOM_FIELD_PREFIX,
  type FieldRef,
  NATIVE_FIELDS,
  type NativeFieldName,
  type NativeFieldType,
  resolveField,
} from './resolve-field'
export type { CompiledSql } from './sql-params'
export {
  assertValidCondition,
  MAX_CONDITION_DEPTH,
  MAX_CONDITION_NODES,
  validateCondition,
} from './validate-condition'
export { MAX_IN_VALUES } from './validate-leaf'
