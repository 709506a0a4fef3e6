/** What a test sees of an HTTP response. */
export interface ApiResponse {
  status: number
  headers: Headers
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies and assert on them.
  body: any
  text: string
}

/** Options of one request. */
export interface RequestOptions {
  body?: unknown
  /** Sent as is, not JSON-encoded. */
  rawBody?: string | Buffer
  headers?: Record<string, string>
  query?: Record<string, string | string[]>
}

/** A minimal HTTP client for API tests: plain fetch, nothing hidden. */
/** A fetch response as tests read it: its JSON body parsed when it is JSON, and its text. */
export async function readResponse(response: Response): Promise<ApiResponse> {
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch {
    // Not JSON: tests look at `text`.
  }
  return { status: response.status, headers: response.headers, body: parsed, text }
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string | null,
  ) {}

  withToken(token: string | null): ApiClient {
    return new ApiClient(this.baseUrl, token)
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
    const url = new URL(path.startsWith('/') ? path : `/api/v1/${path}`, this.baseUrl)
    for (const [key, value] of Object.entries(options.query ?? {})) {
      for (const v of Array.isArray(value) ? value : [value]) {
        url.searchParams.append(key, v)
      }
    }
    const headers: Record<string, string> = {
      'user-agent': 'tessera-tests/1.0',
      ...options.headers,
    }
    if (this.token) {
      headers.authorization = `Bearer ${this.token}`
    }
    let body: string | Buffer | undefined
    if (options.rawBody !== undefined) {
      body = options.rawBody
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body)
      headers['content-type'] ??= 'application/json'
    }
    return readResponse(await fetch(url, { method, headers, body }))
  }

  get(path: string, options?: RequestOptions) {
    return this.request('GET', path, options)
  }

  post(path: string, body?: unknown, options?: RequestOptions) {
    return this.request('POST', path, { ...options, body })
  }

  put(path: string, body?: unknown, options?: RequestOptions) {
    return this.request('PUT', path, { ...options, body })
  }

  patch(path: string, body?: unknown, options?: RequestOptions) {
    return this.request('PATCH', path, { ...options, body })
  }

  delete(path: string, options?: RequestOptions) {
    return this.request('DELETE', path, options)
  }
}
