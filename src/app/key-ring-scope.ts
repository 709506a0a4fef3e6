import type { KeyRing } from '../core/secrets'
import type { OrgScope } from './actor'

/**
 * What a use case that seals or opens secrets at rest takes besides its {@link OrgScope}: the
 * key ring, handed down from the configuration beside the database (`RouteDeps.keys` in the
 * routes, `{ ...actingAs(request, db), keys }`; the dispatcher's options; the CLI's commands).
 */
export interface KeyRingScope {
  keys: KeyRing
}

/** An organization's scope with the key ring. */
export type SealingScope = OrgScope & KeyRingScope
