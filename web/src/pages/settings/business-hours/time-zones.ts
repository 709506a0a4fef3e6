/**
 * The IANA zones to offer: the browser's list, with `UTC` (some engines list only
 * `Etc/UTC`-style names) and the calendar's current zone, so the select always shows it.
 */
export function timeZoneOptions(current: string): string[] {
  const supported =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  return [...new Set(['UTC', current, ...supported])].sort((a, b) =>
    a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b),
  )
}
