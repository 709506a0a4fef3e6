import { type Static, type TSchema, type TUnsafe, Type } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'

/**
 * The raw environment, as Node hands it over. Only src/config reads `process.env`: everything
 * else gets typed, checked settings from here.
 */
export type Environment = Record<string, string | undefined>

/** A setting given a value Tessera cannot use: the message names it and says what to do. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

/**
 * One setting: where it is read from (a flag first, then an environment variable), the
 * TypeBox schema its value must pass, and its default.
 */
export interface Setting<T extends TSchema> {
  /** The command-line flag, as typed: `--port`. */
  flag?: string
  /** The environment variable: `PORT`. */
  env?: string
  schema: T
  /** Said after what a good value is, in the message for a bad one. */
  hint?: string
}

/** Whether a schema wants a whole number: text is turned into one strictly, "1.5" refused. */
function isInteger(schema: TSchema): boolean {
  return schema.type === 'integer'
}

/** What a good value looks like, written from the schema itself so it never drifts. */
function expectation(schema: TSchema): string {
  if (Array.isArray(schema.anyOf)) {
    return `one of ${schema.anyOf.map((choice: TSchema) => choice.const).join(', ')}`
  }
  if (isInteger(schema)) {
    const { minimum, maximum } = schema as { minimum?: number; maximum?: number }
    if (minimum !== undefined && maximum !== undefined) {
      return `a whole number from ${minimum} to ${maximum}`
    }
    return minimum !== undefined ? `a whole number of at least ${minimum}` : 'a whole number'
  }
  return typeof schema.description === 'string' ? schema.description : 'a valid value'
}

function convert(schema: TSchema, raw: string): unknown {
  if (isInteger(schema)) {
    return /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw
  }
  return raw
}

/**
 * Reads one setting: the flag's value if given, else the environment's (an empty variable
 * counts as unset), else undefined. A value that fails the schema stops everything with
 * one sentence naming where it came from and what to give instead.
 */
export function readSetting<T extends TSchema>(
  setting: Setting<T>,
  flagValue: string | undefined,
  env: Environment,
): Static<T> | undefined {
  const fromEnv = setting.env ? env[setting.env] : undefined
  const [source, raw] =
    flagValue !== undefined
      ? [setting.flag ?? 'the flag', flagValue]
      : fromEnv !== undefined && fromEnv !== ''
        ? [setting.env ?? 'the variable', fromEnv]
        : [undefined, undefined]
  if (raw === undefined) {
    return undefined
  }
  const value = convert(setting.schema, raw)
  if (!Value.Check(setting.schema, value)) {
    const hint = setting.hint ? ` (${setting.hint})` : ''
    throw new ConfigError(
      `${source} is set to ${JSON.stringify(raw)}: give ${expectation(setting.schema)}${hint}.`,
    )
  }
  return value as Static<T>
}

/** A schema accepting exactly these strings; the message for a wrong one lists them. */
export function oneOf<const T extends readonly string[]>(values: T) {
  // A union of literals, checked as such; typed as the plain string union it stands for.
  return Type.Union(values.map((value) => Type.Literal(value))) as unknown as TUnsafe<T[number]>
}
