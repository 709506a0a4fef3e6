import type { LeafModel } from './condition-model'
import type { invalidProps } from './node-messages'

export interface ValueEditorProps {
  leaf: LeafModel
  onChange: (valueText: string) => void
  invalid: ReturnType<typeof invalidProps>
}

const PLACEHOLDERS: Partial<Record<LeafModel['valueType'], string>> = {
  text: 'FR, 2025-09-11T12:00:00Z…',
  number: '42',
  list: 'FR, DE, IT',
  'number-list': '1, 2, 3',
  json: '{"key": "value"}',
}

/** The value input that fits the leaf's type: a select for booleans, text otherwise. */
export function ValueEditor({ leaf, onChange, invalid }: ValueEditorProps) {
  if (leaf.operator === 'exists') {
    // A leaf sent without a value tests presence, like `value: true`.
    return (
      <label className="cb-control">
        <span className="cb-caption">Value</span>
        <select
          value={leaf.valueText === 'false' ? 'false' : 'true'}
          onChange={(event) => onChange(event.target.value)}
          {...invalid}
        >
          <option value="true">is present</option>
          <option value="false">is absent</option>
        </select>
      </label>
    )
  }
  if (leaf.valueType === 'boolean') {
    return (
      <label className="cb-control">
        <span className="cb-caption">Value</span>
        <select
          value={leaf.valueText}
          onChange={(event) => onChange(event.target.value)}
          {...invalid}
        >
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      </label>
    )
  }
  if (leaf.valueType === 'null') {
    return <span className="cb-null">null</span>
  }
  const isList = leaf.valueType === 'list' || leaf.valueType === 'number-list'
  return (
    <label className="cb-control cb-value">
      <span className="cb-caption">{isList ? 'Values, comma-separated' : 'Value'}</span>
      <input
        type="text"
        inputMode={leaf.valueType === 'number' ? 'decimal' : undefined}
        value={leaf.valueText}
        placeholder={PLACEHOLDERS[leaf.valueType]}
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
        {...invalid}
      />
    </label>
  )
}
