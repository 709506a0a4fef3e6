const pad = (n: number) => String(n).padStart(2, '0')

/** A date as an `<input type="datetime-local">` value, in the reader's time zone. */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(
    date.getHours(),
  )}:${pad(date.getMinutes())}`
}

/** An `<input type="datetime-local">` value (reader's time zone) as ISO 8601; null if invalid. */
export function fromLocalInput(value: string): string | null {
  const date = new Date(value)
  return value && !Number.isNaN(date.getTime()) ? date.toISOString() : null
}
