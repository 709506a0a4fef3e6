import type { NodeError, NodePart } from './node-errors'

/** The id of the message about one part of a node, for `aria-describedby`. */
export function messageId(nodeId: string, part: NodePart): string {
  return `${nodeId}-${part}-error`
}

/** Props an input gets so that its error is announced with it. */
export function invalidProps(errors: readonly NodeError[], nodeId: string, part: NodePart) {
  const has = errors.some((error) => error.part === part)
  return has ? { 'aria-invalid': true, 'aria-describedby': messageId(nodeId, part) } : {}
}

const PART_ORDER: readonly NodePart[] = ['node', 'field', 'operator', 'value']
const PART_NAMES: Record<NodePart, string> = {
  node: '',
  field: 'Field: ',
  operator: 'Operator: ',
  value: 'Value: ',
}

/** The errors of one node, grouped by the input they are about. */
export function NodeMessages({ nodeId, errors }: { nodeId: string; errors: readonly NodeError[] }) {
  if (errors.length === 0) {
    return null
  }
  return (
    <div className="cb-messages">
      {PART_ORDER.map((part) => {
        const messages = errors.filter((error) => error.part === part)
        return messages.length === 0 ? null : (
          <p key={part} id={messageId(nodeId, part)} className="cb-error">
            {PART_NAMES[part]}
            {messages.map((error) => error.message).join('; ')}
          </p>
        )
      })}
    </div>
  )
}
