import { type LookupAddress, lookup } from 'node:dns'
import type { LookupFunction } from 'node:net'
import { Agent, fetch as undiciFetch } from 'undici'
import { literalAddress, refusalMessage, refusedAddress } from '../core/webhooks/outbound-address'

/** A refused target: the delivery fails with this, and its message is what the log shows. */
export class RefusedTargetError extends Error {
  readonly code = 'ETESSERA_REFUSED_TARGET'
}

/**
 * A resolver that hands the connection only public addresses: the check happens on the
 * address the socket is about to connect to, so a name that resolves to a public address
 * when the webhook is saved and to 127.0.0.1 later (DNS rebinding) is still refused.
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) {
      callback(error, '', 0)
      return
    }
    const refused = addresses
      .map(({ address }) => ({ address, range: refusedAddress(address) }))
      .find(({ range }) => range !== null)
    if (refused) {
      callback(
        new RefusedTargetError(
          `${hostname} resolves to ${refusalMessage(refused.address, refused.range as string)}`,
        ),
        '',
        0,
      )
      return
    }
    if (options.all) {
      // Node's own types do not model the `all` form of the callback.
      ;(callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses)
      return
    }
    const [first] = addresses
    callback(null, first?.address ?? '', first?.family ?? 4)
  })
}

/** The fetch that webhook deliveries and test events go out with. */
export type OutboundFetch = (
  url: string,
  init: Parameters<typeof undiciFetch>[1],
) => Promise<Response>

/**
 * A fetch for requests that an organization's admin aims (webhooks): with `allowPrivate`
 * false, an address that is not public is refused whether the URL names it or a host name
 * resolves to it. Redirects are the caller's to refuse (`redirect: 'manual'`).
 */
export function outboundFetch(allowPrivate: boolean): OutboundFetch {
  if (allowPrivate) {
    return (url, init) => undiciFetch(url, init) as unknown as Promise<Response>
  }
  const dispatcher = new Agent({ connect: { lookup: guardedLookup } })
  return async (url, init) => {
    const address = literalAddress(url)
    const range = address === null ? null : refusedAddress(address)
    if (address !== null && range !== null) {
      throw new RefusedTargetError(refusalMessage(address, range))
    }
    // undici's Response is the web standard one that global fetch returns.
    return undiciFetch(url, { ...init, dispatcher }) as unknown as Promise<Response>
  }
}
