import { createHash } from 'node:crypto'

/**
 * The task uid for a record of another system, as Fragment's ID-mapping guide derives it:
 * the MD5 of `<namespace>#ID#<id>` read as a UUID. The same id always gives the same uid,
 * so importing the same rows again updates their tasks instead of adding new ones.
 */
export function uidFromSourceId(namespace: string, id: string): string {
  const hex = createHash('md5').update(`${namespace}#ID#${id}`, 'utf8').digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
