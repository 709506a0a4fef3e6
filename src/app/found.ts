/** `value`, or else the error `missing` makes: the 404 of a uid that names nothing of ours. */
export function foundOr<T>(value: T | null | undefined, missing: () => Error): T {
  if (value === null || value === undefined) {
    throw missing()
  }
  return value
}
