/** Where an import says how far it is: a bar on a terminal, a line every few seconds in a log. */
export interface ImportProgress {
  /** A phase begins: `total` items (null while unknown), named for the reader. */
  start(label: string, total: number | null): void
  advance(items: number): void
  stop(): void
}
