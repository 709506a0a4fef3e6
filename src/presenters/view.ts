import type { CountedView } from '../app/read-views'
import type { View } from '../contract/views'

/** A saved view, with its count when one was taken. */
export function presentView(view: CountedView): View {
  return {
    ...view,
    created_at: view.created_at.toISOString(),
    updated_at: view.updated_at.toISOString(),
  }
}
