import { Ajv, type ErrorObject } from 'ajv'
import addFormats from 'ajv-formats'
import type { FastifySchemaCompiler } from 'fastify'
import type { FieldError } from '../contract/errors'

function makeAjv(coerceTypes: boolean | 'array'): Ajv {
  // allErrors: a 422 names every wrong field at once, not just the first. discriminator: a
  // oneOf tagged by a key (a bulk action's `type`) is checked against its own branch only.
  const ajv = new Ajv({
    allErrors: true,
    coerceTypes,
    useDefaults: true,
    strict: false,
    discriminator: true,
  })
  addFormats.default(ajv)
  return ajv
}

// Query strings and path parameters arrive as text and need coercion ("limit=10");
// bodies are JSON and keep their types, so {"title": 123} is refused, not stringified.
const textAjv = makeAjv('array')
const jsonAjv = makeAjv(false)

/** Fastify validator compiler: strict for bodies, coercing for everything else. */
export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? jsonAjv : textAjv
  return ajv.compile(schema as object)
}

const PART_NAMES: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'headers',
}

/** Turns Ajv errors into the API's field errors: a JSON pointer and a message each. */
export function toFieldErrors(errors: ErrorObject[], part: string): FieldError[] {
  const prefix = `/${PART_NAMES[part] ?? part}`
  const seen = new Set<string>()
  const fields: FieldError[] = []
  for (const error of errors) {
    let path = prefix + error.instancePath
    let message = error.message ?? 'is invalid'
    if (error.keyword === 'required') {
      path += `/${(error.params as { missingProperty: string }).missingProperty}`
      message = 'is required'
    } else if (error.keyword === 'additionalProperties') {
      path += `/${(error.params as { additionalProperty: string }).additionalProperty}`
      message = 'is not allowed'
    } else if (error.keyword === 'discriminator') {
      // The tag itself is wrong: name it, not the object around it.
      const { tag, error: problem } = error.params as { tag: string; error: string }
      path += `/${tag}`
      message =
        problem === 'mapping' ? 'must be one of the documented values' : 'is required (a string)'
    }
    const key = `${path} ${message}`
    if (!seen.has(key)) {
      seen.add(key)
      fields.push({ path, message })
    }
  }
  return fields
}
