import { createContext, useContext } from 'react'
import type { NodeModel } from './condition-model'
import type { NodeError } from './node-errors'

/** What every node editor may do to the tree, shared down the recursion. */
export interface BuilderActions {
  update: (id: string, change: (node: NodeModel) => NodeModel) => void
  remove: (id: string) => void
  add: (groupId: string, kind: 'leaf' | 'group') => void
  errorsOf: (id: string) => readonly NodeError[]
  /** The id of the datalist of field names. */
  fieldListId: string
}

export const BuilderContext = createContext<BuilderActions | null>(null)

export function useBuilder(): BuilderActions {
  const actions = useContext(BuilderContext)
  if (!actions) {
    throw new Error('Node editors render inside <ConditionBuilder>')
  }
  return actions
}
