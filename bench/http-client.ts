import http from 'node:http'

/** What the benchmark needs of a response. */
export interface HttpResponse {
  status: number
  body: string
}

/**
 * A keep-alive HTTP/1.1 client for one origin. Node's global fetch costs noticeably more CPU
 * per request, and on a 2-core box the load generator shares the CPUs with the server and
 * the database, so the cheapest client measures the server most fairly.
 */
export class HttpClient {
  private readonly agent: http.Agent
  private readonly host: string
  private readonly port: number

  constructor(
    baseUrl: string,
    private readonly headers: Record<string, string> = {},
    maxSockets = 64,
  ) {
    const url = new URL(baseUrl)
    this.host = url.hostname
    this.port = Number(url.port)
    this.agent = new http.Agent({ keepAlive: true, maxSockets })
  }

  /** Sends one request; `body` is already-serialised JSON. */
  request(method: string, path: string, body?: string): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { ...this.headers }
      if (body !== undefined) {
        headers['content-type'] = 'application/json'
        headers['content-length'] = Buffer.byteLength(body)
      }
      const req = http.request(
        { agent: this.agent, host: this.host, port: this.port, method, path, headers },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          )
          res.on('error', reject)
        },
      )
      req.on('error', reject)
      req.end(body)
    })
  }

  /** Like {@link request}, but anything other than 200 aborts the benchmark. */
  async ok(method: string, path: string, body?: string): Promise<string> {
    const response = await this.request(method, path, body)
    if (response.status !== 200) {
      throw new Error(
        `${method} ${path} answered ${response.status}: ${response.body.slice(0, 500)}`,
      )
    }
    return response.body
  }

  close(): void {
    this.agent.destroy()
  }
}
