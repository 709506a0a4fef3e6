import { useBuilder } from './builder-context'
import { type NodeModel, withFlag } from './condition-model'
import { Hidden } from './hidden'

/** The two switches every node has: negate it, or keep it without applying it. */
export function NodeToggles({ node, suffix }: { node: NodeModel; suffix: string }) {
  const { update } = useBuilder()
  const toggle = (flag: 'negated' | 'disabled', on: boolean) =>
    update(node.id, (current) => withFlag(current, flag, on))
  return (
    <span className="cb-toggles">
      <label className="cb-check">
        <input
          type="checkbox"
          checked={node.negated === true}
          onChange={(event) => toggle('negated', event.target.checked)}
        />
        Negate
        <Hidden text={suffix} />
      </label>
      <label className="cb-check">
        <input
          type="checkbox"
          checked={node.disabled === true}
          onChange={(event) => toggle('disabled', event.target.checked)}
        />
        Disable
        <Hidden text={suffix} />
      </label>
    </span>
  )
}
