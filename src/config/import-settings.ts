import { Type } from '@sinclair/typebox'
import { ConfigError, type Environment, readSetting } from './setting'

const HTTP_URL = Type.String({
  pattern: '^https?://[^\\s]+$',
  description: 'an http(s) URL such as http://127.0.0.1:3000/api/v1',
})
const TOKEN = Type.String({ minLength: 1, description: 'a token' })

/** Where `tessera import` writes: a running Tessera's API, and a token of it. */
export interface ImportDestination {
  apiUrl: string
  token: string
}

/**
 * The destination of an import: --api-url (or TESSERA_API_URL, default the local server)
 * and the token given by `tokenFlag` (or TESSERA_TOKEN).
 */
export function readImportDestination(
  flags: { apiUrl?: string; token?: string },
  tokenFlag: string,
  env: Environment = process.env,
): ImportDestination {
  const apiUrl =
    readSetting(
      { flag: '--api-url', env: 'TESSERA_API_URL', schema: HTTP_URL },
      flags.apiUrl,
      env,
    ) ?? 'http://127.0.0.1:3000/api/v1'
  const token = readSetting(
    { flag: tokenFlag, env: 'TESSERA_TOKEN', schema: TOKEN },
    flags.token,
    env,
  )
  if (token === undefined) {
    throw new ConfigError(
      `Give a token of the Tessera to import into with ${tokenFlag} or the TESSERA_TOKEN environment variable (tessera tokens create makes one; operator role or above).`,
    )
  }
  return { apiUrl, token }
}

/** The API an import reads from (Fragment, or any server speaking its API), and its token. */
export function readImportSource(
  flags: { baseUrl?: string; token?: string },
  env: Environment = process.env,
): ImportDestination {
  const apiUrl = readSetting({ flag: '--base-url', schema: HTTP_URL }, flags.baseUrl, env)
  if (apiUrl === undefined) {
    throw new ConfigError(
      "Give the source's API address with --base-url, such as https://api.onfragment.com/api/v1.",
    )
  }
  const token = readSetting(
    { flag: '--token', env: 'FRAGMENT_TOKEN', schema: TOKEN },
    flags.token,
    env,
  )
  if (token === undefined) {
    throw new ConfigError(
      "Give the source's token with --token or the FRAGMENT_TOKEN environment variable.",
    )
  }
  return { apiUrl, token }
}
