import ipaddr from 'ipaddr.js'
import { AppError } from '../../contract/errors'

/**
 * Why Tessera will not send a webhook to `address`, or null when it may: only public unicast
 * addresses are allowed. Loopback, private, link-local (cloud metadata services), multicast,
 * unspecified, carrier-grade NAT and reserved ranges are refused, in IPv4 and IPv6, and an
 * IPv4 address written as IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4 address it is.
 */
export function refusedAddress(address: string): string | null {
  if (!ipaddr.isValid(address)) {
    return 'not an IP address'
  }
  let parsed = ipaddr.parse(address)
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address()
  }
  const range = parsed.range()
  return range === 'unicast' ? null : range
}

/** The IP address a URL names literally (`http://10.0.0.5/`, `http://[::1]/`), or null. */
export function literalAddress(url: string): string | null {
  let host: string
  try {
    host = new URL(url).hostname
  } catch {
    return null
  }
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host
  return ipaddr.isValid(bare) && (bare.includes(':') || ipaddr.IPv4.isValidFourPartDecimal(bare))
    ? bare
    : null
}

/** What a refusal says, so that the delivery log and the 422 read alike. */
export function refusalMessage(address: string, range: string): string {
  return `${address} is a ${range} address; webhooks go to public addresses only (TESSERA_WEBHOOK_ALLOW_PRIVATE=1 allows others)`
}

/**
 * Refuses, with a 422 naming `path`, a webhook URL that names a non-public address
 * literally. A host name is judged when it is resolved, on every delivery.
 */
export function assertPublicTarget(url: string, allowPrivate: boolean, path = '/body/url'): void {
  const address = literalAddress(url)
  const range = allowPrivate || address === null ? null : refusedAddress(address)
  if (address !== null && range !== null) {
    throw new AppError('validation_failed', 'The webhook URL is not usable.', [
      { path, message: refusalMessage(address, range) },
    ])
  }
}
