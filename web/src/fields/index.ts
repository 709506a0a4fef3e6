/**
 * Custom fields by their definitions (`GET /fields`, through `useFieldDefinitions()` from
 * `../api`), for every page that shows or edits a task's `fields`:
 *
 * - `orderFields`, `backlogFields`: which fields, in which order, under which label;
 * - `<FieldValue>`: one value shown by its type, flagged by `<FieldMismatch>` when it does
 *   not match its definition; `fieldText` the same as plain text; `fieldProblem` says why;
 * - `<FieldEditor>` (the control) and `<FieldInput>` (labelled, with help and error): edit
 *   one value by its type;
 * - `rawDraft`, `parseRawDraft`: edit a key without a definition as text or JSON;
 * - `searchMatches`: where a search's words are in a task, by label, for highlighting.
 */
export {
  FieldEditor,
  type FieldEditorProps,
  FieldInput,
  type FieldInputProps,
  fromLocalDateTime,
  toLocalDateTime,
  workingUsers,
} from './field-editor'
export {
  backlogFields,
  type FieldEntry,
  NATIVE_FIELD_KEYS,
  orderFields,
  sortDefinitions,
} from './field-order'
export { fieldProblem, fieldText, formatDay, formatMoney, optionLabel, rawText } from './field-text'
export { FieldMismatch, FieldValue, type FieldValueProps } from './field-value'
export { editsAsText, parseRawDraft, type RawParse, rawDraft } from './raw-value'
export { type SearchMatch, searchMatches } from './search-match'
