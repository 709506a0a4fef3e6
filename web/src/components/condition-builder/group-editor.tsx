import { useBuilder } from './builder-context'
import type { Combinator } from './condition'
import type { GroupModel } from './condition-model'
import { Hidden } from './hidden'
import { LeafEditor } from './leaf-editor'
import { nameSuffix, nodeLabel } from './node-label'
import { NodeMessages } from './node-messages'
import { NodeToggles } from './node-toggles'

export interface GroupEditorProps {
  group: GroupModel
  label: string
  /** Shows the legend to screen readers only (the root, under a visible heading). */
  hideLabel?: boolean
  /** Child indexes from the root; empty for the root, which cannot be removed. */
  path: readonly number[]
}

/** An and/or group: its combinator, its children (leaves and groups), and ways to add more. */
export function GroupEditor({ group, label, path, hideLabel = false }: GroupEditorProps) {
  const { update, remove, add, errorsOf } = useBuilder()
  const isRoot = path.length === 0
  const suffix = nameSuffix(label, isRoot)
  const className = ['cb-group', group.disabled ? 'cb-disabled' : ''].join(' ').trim()
  return (
    <fieldset className={className}>
      <legend className={hideLabel ? 'cb-visually-hidden' : 'cb-legend'}>{label}</legend>
      <div className="cb-row">
        <label className="cb-control">
          <span className="cb-caption">
            Match
            <Hidden text={suffix} />
          </span>
          <select
            value={group.combinator}
            onChange={(event) =>
              update(group.id, (node) =>
                node.kind === 'group'
                  ? { ...node, combinator: event.target.value as Combinator }
                  : node,
              )
            }
          >
            <option value="and">all of (and)</option>
            <option value="or">any of (or)</option>
          </select>
        </label>
        <NodeToggles node={group} suffix={suffix} />
        {isRoot ? null : (
          <button
            type="button"
            className="cb-remove button-secondary"
            aria-label={`Remove ${label.toLowerCase()}`}
            onClick={() => remove(group.id)}
          >
            Remove
          </button>
        )}
      </div>
      <NodeMessages nodeId={group.id} errors={errorsOf(group.id)} />
      {group.children.length === 0 ? (
        <p className="cb-empty">No conditions yet: every task matches.</p>
      ) : (
        <ol className="cb-children">
          {group.children.map((child, index) => {
            const childPath = [...path, index]
            return (
              <li key={child.id}>
                {child.kind === 'group' ? (
                  <GroupEditor
                    group={child}
                    label={nodeLabel('group', childPath)}
                    path={childPath}
                  />
                ) : (
                  <LeafEditor leaf={child} label={nodeLabel('leaf', childPath)} />
                )}
              </li>
            )
          })}
        </ol>
      )}
      <div className="cb-actions">
        <button type="button" className="button-secondary" onClick={() => add(group.id, 'leaf')}>
          Add condition
          <Hidden text={isRoot ? '' : ` to${suffix}`} />
        </button>
        <button type="button" className="button-secondary" onClick={() => add(group.id, 'group')}>
          Add group
          <Hidden text={isRoot ? '' : ` to${suffix}`} />
        </button>
      </div>
    </fieldset>
  )
}
