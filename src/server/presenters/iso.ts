/** A nullable timestamp as the API prints it. */
export const isoOrNull = (date: Date | null): string | null => (date ? date.toISOString() : null)
