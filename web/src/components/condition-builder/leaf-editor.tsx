import { useBuilder } from './builder-context'
import { OPERATORS, type Operator } from './condition'
import type { LeafModel, NodeModel } from './condition-model'
import { nameSuffix } from './node-label'
import { invalidProps, NodeMessages } from './node-messages'
import { NodeToggles } from './node-toggles'
import {
  convertValue,
  VALUE_TYPE_LABELS,
  VALUE_TYPES_BY_OPERATOR,
  type ValueType,
  valueTypeForOperator,
} from './value-codec'
import { ValueEditor } from './value-editor'

const OPERATOR_LABELS: Record<Operator, string> = {
  '==': '== equals',
  '!=': '!= differs from',
  '<': '< less than',
  '<=': '<= at most',
  '>': '> greater than',
  '>=': '>= at least',
  in: 'in one of',
  contains: 'contains',
  exists: 'exists',
}

export interface LeafEditorProps {
  leaf: LeafModel
  label: string
  /** Shows the legend to screen readers only (the root, under a visible heading). */
  hideLabel?: boolean
  /** A leaf alone at the root offers to add siblings (which groups it) instead of removal. */
  isRoot?: boolean
}

/** One test on a task field: field, operator, typed value, and the node's switches. */
export function LeafEditor({ leaf, label, isRoot = false, hideLabel = false }: LeafEditorProps) {
  const { update, remove, add, errorsOf, fieldListId } = useBuilder()
  const errors = errorsOf(leaf.id)
  const change = (patch: (node: LeafModel) => Partial<LeafModel>) =>
    update(leaf.id, (node: NodeModel) =>
      node.kind === 'leaf' ? { ...node, ...patch(node) } : node,
    )
  const valueTypes = VALUE_TYPES_BY_OPERATOR[leaf.operator]
  const className = ['cb-leaf', leaf.disabled ? 'cb-disabled' : ''].join(' ').trim()

  return (
    <fieldset className={className}>
      <legend className={hideLabel ? 'cb-visually-hidden' : 'cb-legend'}>{label}</legend>
      <div className="cb-row">
        <label className="cb-control cb-field">
          <span className="cb-caption">Field</span>
          <input
            type="text"
            list={fieldListId}
            value={leaf.field}
            placeholder="status, country…"
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => change(() => ({ field: event.target.value }))}
            {...invalidProps(errors, leaf.id, 'field')}
          />
        </label>
        <label className="cb-control">
          <span className="cb-caption">Operator</span>
          <select
            value={leaf.operator}
            onChange={(event) => {
              const operator = event.target.value as Operator
              change((node) => ({
                operator,
                ...valueTypeForOperator(operator, node.valueType, node.valueText),
              }))
            }}
            {...invalidProps(errors, leaf.id, 'operator')}
          >
            {OPERATORS.map((operator) => (
              <option key={operator} value={operator}>
                {OPERATOR_LABELS[operator]}
              </option>
            ))}
          </select>
        </label>
        {valueTypes.length > 1 ? (
          <label className="cb-control">
            <span className="cb-caption">Value type</span>
            <select
              value={leaf.valueType}
              onChange={(event) =>
                change((node) =>
                  convertValue(node.valueType, node.valueText, event.target.value as ValueType),
                )
              }
            >
              {valueTypes.map((type) => (
                <option key={type} value={type}>
                  {VALUE_TYPE_LABELS[type]}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <ValueEditor
          leaf={leaf}
          onChange={(valueText) =>
            // A leaf loaded without a value gets one once the user picks it.
            change((node) => ({
              valueText,
              valueType: node.valueType === 'none' ? 'boolean' : node.valueType,
            }))
          }
          invalid={invalidProps(errors, leaf.id, 'value')}
        />
        <NodeToggles node={leaf} suffix={nameSuffix(label, isRoot)} />
        {isRoot ? (
          <>
            <button type="button" className="button-secondary" onClick={() => add(leaf.id, 'leaf')}>
              Add condition
            </button>
            <button
              type="button"
              className="button-secondary"
              onClick={() => add(leaf.id, 'group')}
            >
              Add group
            </button>
          </>
        ) : (
          <button
            type="button"
            className="cb-remove button-secondary"
            aria-label={`Remove ${label.toLowerCase()}`}
            onClick={() => remove(leaf.id)}
          >
            Remove
          </button>
        )}
      </div>
      <NodeMessages nodeId={leaf.id} errors={errors} />
    </fieldset>
  )
}
