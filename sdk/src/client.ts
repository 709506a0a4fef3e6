import createClient, { type Client } from 'openapi-fetch'
import { unwrap } from './errors'
import type { paths } from './schema'
import type { ListTasksQuery, Task, TaskPage } from './types'

/** Options of {@link createTesseraClient}. */
export interface TesseraClientOptions {
  /** The API base, server URL included: `http://127.0.0.1:3000/api/v1`. */
  baseUrl: string
  /** An API token (`npx tessera tokens create`), sent as `Authorization: Bearer`. */
  token: string
  /** A fetch to use instead of the global one (tests, proxies, retries). */
  fetch?: (request: Request) => Promise<Response>
  /** Sent as User-Agent, as Fragment recommends, so the server's logs name the caller. */
  userAgent?: string
}

/**
 * A typed client of the Tessera API: `GET`, `POST`, `PUT`, `PATCH` and `DELETE` take a
 * documented path and check its parameters and body against the OpenAPI document. They
 * resolve to `{ data }` or `{ error }` like openapi-fetch's; wrap a call in `unwrap()` to
 * get the data or a thrown `TesseraApiError` instead.
 */
export interface TesseraClient extends Client<paths> {
  /**
   * One page of `GET /tasks`. Unlike `GET('/tasks', …)`, its query accepts custom-field
   * filters as they are (`{ country: 'FR' }`), which the OpenAPI document cannot type.
   * Throws `TesseraApiError`.
   */
  listTasks(query?: ListTasksQuery): Promise<TaskPage>
  /** Every page of `GET /tasks` for `query`, following `next_cursor` (from `query.cursor`). */
  listTaskPages(query?: ListTasksQuery): AsyncGenerator<TaskPage, void, undefined>
  /**
   * Every task matching `query`, page after page (`query.limit` is the page size): each
   * task exactly once, even while tasks are being added. Throws `TesseraApiError`.
   */
  listAllTasks(query?: ListTasksQuery): AsyncGenerator<Task, void, undefined>
}

const DEFAULT_USER_AGENT = 'tessera-sdk/0.1'

/** Creates a {@link TesseraClient} for one server and token. */
export function createTesseraClient(options: TesseraClientOptions): TesseraClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: {
      authorization: `Bearer ${options.token}`,
      'user-agent': options.userAgent ?? DEFAULT_USER_AGENT,
    },
    // Repeated keys (`country=FR&country=DE`) are how the list filters on "any of".
    querySerializer: { array: { style: 'form', explode: true } },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })

  // A ListTasksQuery is assignable to the generated query type: only a literal with an
  // unknown key (a custom field) is refused, by the excess-property check.
  const listTasks = (query: ListTasksQuery = {}) =>
    unwrap(client.GET('/tasks', { params: { query } }))

  async function* listTaskPages(query: ListTasksQuery = {}) {
    let cursor = query.cursor
    do {
      const page = await listTasks({ ...query, cursor })
      yield page
      cursor = page.meta.next_cursor ?? undefined
    } while (cursor)
  }

  async function* listAllTasks(query: ListTasksQuery = {}) {
    for await (const page of listTaskPages(query)) {
      yield* page.items
    }
  }

  return { ...client, listTasks, listTaskPages, listAllTasks }
}
