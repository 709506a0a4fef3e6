import type { RefResolver, Schema } from './schema-values'

/** One operation of the OpenAPI document, as the fuzzer needs it. */
export interface Operation {
  method: string
  /** As documented, under /api/v1, e.g. `/tasks/{uid}`. */
  path: string
  pathParams: string[]
  query: { name: string; schema: Schema }[]
  body?: Schema
  /** Whether the route is public (no security requirement). */
  isPublic: boolean
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Record<string, unknown>>>
  components?: { schemas?: Record<string, Schema> }
}

/** Every operation of the server's OpenAPI document, with a resolver for its `$ref`s. */
export async function fetchOperations(
  baseUrl: string,
): Promise<{ operations: Operation[]; resolve: RefResolver }> {
  const res = await fetch(new URL('/api/v1/openapi.json', baseUrl))
  if (!res.ok) {
    throw new Error(`GET /api/v1/openapi.json answered ${res.status}`)
  }
  const doc = (await res.json()) as OpenApiDocument
  const schemas = doc.components?.schemas ?? {}
  const resolve: RefResolver = (ref) => {
    const schema = schemas[ref.replace('#/components/schemas/', '')]
    if (!schema) {
      throw new Error(`unresolved $ref ${ref}`)
    }
    return schema
  }
  const operations: Operation[] = []
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const parameters = (op.parameters ?? []) as { in: string; name: string; schema: Schema }[]
      const content = (op.requestBody as { content?: Record<string, { schema: Schema }> })?.content
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema })),
        body: content?.['application/json']?.schema,
        isPublic: Array.isArray(op.security) && op.security.length === 0,
      })
    }
  }
  return { operations, resolve }
}
