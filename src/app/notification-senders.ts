import nodemailer from 'nodemailer'
import type { OutboundFetch } from './outbound-fetch'
import { describeFailure, excerptOf } from './webhook-dispatcher'

/** How an email channel reaches its SMTP server (the password is sealed apart). */
export interface EmailSettings {
  host: string
  port: number
  /** none: plain (local relays); starttls: upgrade required; tls: TLS from the start (465). */
  tls: 'none' | 'starttls' | 'tls'
  user?: string | null
  from: string
  recipients?: string[]
}

/** One message to send. */
export interface OutgoingMessage {
  subject: string
  body: string
  task_uid: string | null
}

/** Thrown by a sender: the message is what the channel's last error shows. */
export class SendError extends Error {}

/**
 * Posts a message to a Slack incoming webhook through the guarded fetch (private addresses
 * refused unless allowed). Slack answers 200 "ok"; anything else is a failure.
 */
export async function sendSlack(
  post: OutboundFetch,
  url: string,
  message: OutgoingMessage,
  timeoutMs: number,
  /** Aborts the request early (the server shutting down). */
  stop?: AbortSignal,
): Promise<void> {
  const abort = new AbortController()
  const timeout = setTimeout(() => abort.abort(), timeoutMs)
  const onStop = () => abort.abort()
  stop?.addEventListener('abort', onStop)
  try {
    const text = `*${message.subject}*\n${message.body}${message.task_uid ? `\nTask: ${message.task_uid}` : ''}`
    const response = await post(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
      redirect: 'manual',
      signal: abort.signal,
    }).catch((error: unknown) => {
      throw new SendError(describeFailure(error, abort.signal, timeoutMs))
    })
    if (!response.ok) {
      const excerpt = await excerptOf(response).catch(() => '')
      throw new SendError(`HTTP ${response.status}${excerpt && `: ${excerpt}`}`)
    }
    await response.body?.cancel().catch(() => {})
  } finally {
    clearTimeout(timeout)
    stop?.removeEventListener('abort', onStop)
  }
}

/** Sends an email through the channel's SMTP server (nodemailer), one message to all. */
export async function sendEmail(
  settings: EmailSettings,
  password: string | null,
  recipients: string[],
  message: OutgoingMessage,
  timeoutMs: number,
): Promise<void> {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.tls === 'tls',
    requireTLS: settings.tls === 'starttls',
    ignoreTLS: settings.tls === 'none',
    auth: settings.user ? { user: settings.user, pass: password ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  })
  try {
    await transport.sendMail({
      from: settings.from,
      to: recipients,
      subject: message.subject,
      text: `${message.body}${message.task_uid ? `\n\nTask: ${message.task_uid}` : ''}`,
    })
  } catch (error) {
    throw new SendError(error instanceof Error ? error.message : String(error))
  } finally {
    transport.close()
  }
}
