/** A fragment of SQL with the values of its `$n` placeholders, in order. */
export interface CompiledSql {
  sql: string
  params: unknown[]
}

/**
 * Collects parameter values and hands out their `$n` placeholders, numbered after `offset`
 * so that a fragment can be spliced into a statement that already has parameters.
 * Every user-supplied name or value goes through here: nothing is interpolated into SQL.
 */
export class SqlParams {
  readonly values: unknown[] = []

  constructor(private readonly offset: number) {}

  /** Adds `value` and returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value)
    return `$${this.offset + this.values.length}`
  }

  /** Adds `value` as JSON text, for a `::jsonb` cast (pg would send a bare string as is). */
  addJson(value: unknown): string {
    return this.add(JSON.stringify(value))
  }
}
