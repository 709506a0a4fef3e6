/** Settings of one API server process. */
export interface ServerConfig {
  /** Requests per minute per token (or per IP without one) unless the token says otherwise. */
  rateLimitPerMinute: number
  /** When set, rate-limit counters live in this Redis instead of the database. */
  redisUrl?: string
  /** Largest accepted body for single-task requests, in bytes. */
  bodyLimit: number
  /** Largest accepted body for batch requests, in bytes. */
  batchBodyLimit: number
  logLevel: string
  /** Webhooks may be aimed at non-public addresses (TESSERA_WEBHOOK_ALLOW_PRIVATE=1). */
  allowPrivateWebhookTargets: boolean
  /**
   * An SSO issuer may be on a loopback or private address, and on http on the loopback
   * (TESSERA_SSO_ALLOW_PRIVATE=1).
   */
  allowPrivateSsoIssuers: boolean
  /**
   * The URL browsers reach the server at (TESSERA_PUBLIC_URL), for the SSO redirect URI;
   * unset, it is taken from each request's protocol and Host header.
   */
  publicUrl?: string
}

/** Defaults, each documented in the README's configuration table. */
export const DEFAULT_SERVER_CONFIG: ServerConfig = {
  // Fragment allows 60 a minute with small bursts; a self-hosted server can afford ten
  // times that, and scripts written for Fragment stay well within it.
  rateLimitPerMinute: 600,
  bodyLimit: 1024 * 1024,
  batchBodyLimit: 16 * 1024 * 1024,
  logLevel: 'info',
  allowPrivateWebhookTargets: false,
  allowPrivateSsoIssuers: false,
}
