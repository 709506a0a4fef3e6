import { useId, useMemo, useState } from 'react'
import type { FieldError } from '../../api'
import { type BuilderActions, BuilderContext } from './builder-context'
import { type Condition, NATIVE_FIELDS } from './condition'
import {
  addChild,
  fromCondition,
  type NodeModel,
  newGroup,
  newLeaf,
  removeNode,
  toCondition,
  updateNode,
  wrapInGroup,
} from './condition-model'
import { GroupEditor } from './group-editor'
import { jsonEqual } from './json-equal'
import { LeafEditor } from './leaf-editor'
import { type NodeError, placeErrors } from './node-errors'
import './condition-builder.css'

export interface ConditionBuilderProps {
  value: Condition
  /** Called on every edit; `valid` is false while a value cannot be turned into JSON. */
  onChange: (condition: Condition, state: { valid: boolean }) => void
  /** The API's 422 field errors; those under `errorPrefix` are shown on their node. */
  errors?: readonly FieldError[]
  errorPrefix?: string
  /** Field names offered besides the native ones (custom fields seen on tasks). */
  fieldSuggestions?: readonly string[]
  /** The accessible name of the whole condition. */
  label?: string
  /** Keeps the name for screen readers only, when a heading nearby already shows it. */
  hideLabel?: boolean
}

const NO_ERRORS: readonly NodeError[] = []
// Shared defaults: a fresh `[]` per render would defeat the memo below.
const NO_FIELD_ERRORS: readonly FieldError[] = []
const NO_SUGGESTIONS: readonly string[] = []

/**
 * A visual editor of the condition language: nested and/or groups of field tests, each
 * negatable and disableable, producing exactly the JSON the API takes.
 */
export function ConditionBuilder({
  value,
  onChange,
  errors = NO_FIELD_ERRORS,
  errorPrefix = '/body/condition',
  fieldSuggestions = NO_SUGGESTIONS,
  label = 'Condition',
  hideLabel = false,
}: ConditionBuilderProps) {
  const [model, setModel] = useState<NodeModel>(() => fromCondition(value))
  const [emitted, setEmitted] = useState<Condition>(value)
  const fieldListId = useId()

  // A condition from outside (another queue loaded, a reset) replaces the edited tree; the
  // builder's own output coming back does not, so half-typed values stay as typed.
  if (value !== emitted && !jsonEqual(value, emitted)) {
    setModel(fromCondition(value))
    setEmitted(value)
  }

  const { problems } = toCondition(model)
  const placed = placeErrors(model, errors, errorPrefix)

  const apply = (next: NodeModel) => {
    const result = toCondition(next)
    setModel(next)
    setEmitted(result.condition)
    onChange(result.condition, { valid: result.problems.length === 0 })
  }

  const actions: BuilderActions = {
    update: (id, change) => apply(updateNode(model, id, change)),
    remove: (id) => apply(removeNode(model, id)),
    add: (groupId, kind) => {
      const child = kind === 'leaf' ? newLeaf() : newGroup()
      // A lone leaf at the root first becomes the only child of an `and` group.
      const root = wrapInGroup(model)
      apply(addChild(root, model.kind === 'leaf' ? root.id : groupId, child))
    },
    errorsOf: (id) => {
      const local = problems
        .filter((problem) => problem.id === id)
        .map((problem): NodeError => ({ part: problem.part, message: problem.message }))
      const remote = placed.get(id) ?? NO_ERRORS
      return local.length === 0 ? remote : [...local, ...remote]
    },
    fieldListId,
  }

  const suggestions = useMemo(
    () => [...new Set([...NATIVE_FIELDS, ...fieldSuggestions])],
    [fieldSuggestions],
  )

  return (
    <BuilderContext.Provider value={actions}>
      <div className="cb-builder">
        {model.kind === 'group' ? (
          <GroupEditor group={model} label={label} path={[]} hideLabel={hideLabel} />
        ) : (
          <LeafEditor leaf={model} label={label} isRoot hideLabel={hideLabel} />
        )}
        <datalist id={fieldListId}>
          {suggestions.map((field) => (
            <option key={field} value={field} />
          ))}
        </datalist>
      </div>
    </BuilderContext.Provider>
  )
}
