import SparkMD5 from 'spark-md5'

/**
 * The task uid for a record of another system, as Fragment's ID-mapping guide derives it:
 * the MD5 of `<namespace>#ID#<id>` (UTF-8) read as a UUID. The same id always gives the same
 * uid, so importing the same rows again updates their tasks instead of adding new ones.
 * spark-md5 rather than node:crypto: the web app's import page derives the same uids in the
 * browser, whose Web Crypto has no MD5.
 */
export function uidFromSourceId(namespace: string, id: string): string {
  const hex = SparkMD5.hash(`${namespace}#ID#${id}`)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
