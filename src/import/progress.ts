/** Where an import says how far it is: a bar on a terminal, lines in a log, nothing in tests. */
export interface ImportProgress {
  /** A phase begins: `total` items (null while unknown), named for the reader. */
  start(label: string, total: number | null): void
  /** The total became known (the source said so on its first page). */
  total(total: number): void
  advance(items: number): void
  stop(): void
}

/** Progress reported nowhere. */
export const silentProgress: ImportProgress = {
  start() {},
  total() {},
  advance() {},
  stop() {},
}
