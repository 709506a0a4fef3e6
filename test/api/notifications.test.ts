import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createServer as createTcpServer, type Server } from 'node:net'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { issueToken } from '../../src/app/issue-token'
import { openDatabase } from '../../src/store/database'
import { migrate } from '../../src/store/migrate'
import { ApiClient } from '../support/api-client'
import { createFreshInstance, type FreshInstance } from '../support/fresh-instance'
import { hangingReceiver } from '../support/hanging-receiver'
import { type ServerProcess, startServer } from '../support/server-process'
import { waitFor } from '../support/wait-for'

// Three failures in a row pause a channel; a hanging receiver holds an attempt far longer
// than a healthy channel's messages take.
const PAUSE_AFTER = 3
const SERVER_ENV = {
  TESSERA_RATE_LIMIT: '100000',
  TESSERA_WEBHOOK_POLL_MS: '100',
  TESSERA_WEBHOOK_BACKOFF_MS: '100',
  TESSERA_WEBHOOK_MAX_ATTEMPTS: '50',
  TESSERA_WEBHOOK_PAUSE_AFTER: String(PAUSE_AFTER),
  TESSERA_WEBHOOK_TIMEOUT_MS: '30000',
}
const SMTP_PASSWORD = 'smtp-password-never-shown'
const SLACK_PATH = '/services/T000/B000/slack-secret-path'

interface Mail {
  subject: string
  text: string
  to: string[]
  from: string
  user: string | undefined
  password: string | undefined
}

/** An SMTP server on the loopback that keeps each message it is given, parsed. */
function smtpReceiver() {
  const mails: Mail[] = []
  const logins = new Map<string, { user: string; password: string }>()
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, session, callback) {
      logins.set(session.id, { user: auth.username ?? '', password: auth.password ?? '' })
      callback(null, { user: auth.username })
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const login = logins.get(session.id)
          mails.push({
            subject: parsed.subject ?? '',
            text: (parsed.text ?? '').trim(),
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            user: login?.user,
            password: login?.password,
          })
          callback()
        })
        .catch(callback)
    },
  })
  return { server, mails }
}

/** An HTTP receiver standing in for Slack: answers "ok" and keeps each body. */
function slackReceiver() {
  const received: { path: string; body: string }[] = []
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') })
      res.writeHead(200).end('ok')
    })
  })
  return { server, received }
}

async function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

async function refusingUrl(): Promise<string> {
  const server = createTcpServer()
  const port = await listen(server)
  await new Promise((resolve) => server.close(resolve))
  return `http://127.0.0.1:${port}/dead`
}

describe.each(inject('engines'))('notifications on $name', (engine) => {
  const smtp = smtpReceiver()
  const slack = slackReceiver()
  const hanging = hangingReceiver()
  let smtpPort: number
  let slackUrl: string
  let hangingUrl: string
  let fresh: FreshInstance
  let server: ServerProcess
  let admin: ApiClient
  let viewer: ApiClient
  let operator: ApiClient
  let stranger: ApiClient
  let viewerUser: { uid: string; email: string }
  let adminUser: { uid: string; email: string }

  beforeAll(async () => {
    smtpPort = await new Promise<number>((resolve) =>
      smtp.server.listen(0, '127.0.0.1', () =>
        resolve((smtp.server.server.address() as AddressInfo).port),
      ),
    )
    slackUrl = `http://127.0.0.1:${await listen(slack.server)}${SLACK_PATH}`
    hangingUrl = `http://127.0.0.1:${await listen(hanging.server)}/hang`
    fresh = await createFreshInstance(engine.name, engine.databaseUrl, 'notifications')
    const db = await openDatabase(fresh.location)
    const tokens: Record<string, string> = {}
    try {
      await migrate(db)
      const a = await issueToken(db, {
        orgName: 'notify',
        userEmail: 'admin@notify.test',
        tokenName: 'admin',
        role: 'admin',
      })
      adminUser = { uid: a.user.uid, email: a.user.email }
      tokens.admin = a.raw
      const v = await issueToken(db, {
        orgName: 'notify',
        userEmail: 'viewer@notify.test',
        tokenName: 'viewer',
        role: 'viewer',
      })
      viewerUser = { uid: v.user.uid, email: v.user.email }
      tokens.viewer = v.raw
      tokens.operator = (
        await issueToken(db, {
          orgName: 'notify',
          userEmail: 'operator@notify.test',
          tokenName: 'operator',
          role: 'operator',
        })
      ).raw
      tokens.stranger = (
        await issueToken(db, { orgName: 'elsewhere', tokenName: 'admin', role: 'admin' })
      ).raw
    } finally {
      await db.close()
    }
    server = await startServer(fresh.args, SERVER_ENV)
    admin = new ApiClient(server.url, tokens.admin as string)
    viewer = admin.withToken(tokens.viewer as string)
    operator = admin.withToken(tokens.operator as string)
    stranger = admin.withToken(tokens.stranger as string)
  })

  afterAll(async () => {
    await server?.stop()
    hanging.stop()
    slack.server.closeAllConnections()
    await new Promise((resolve) => slack.server.close(resolve))
    await new Promise((resolve) => hanging.server.close(resolve))
    await new Promise((resolve) => smtp.server.close(() => resolve(undefined)))
    await fresh?.drop()
  })

  const emailChannel = (extra: Record<string, unknown> = {}) => ({
    kind: 'email',
    name: 'Ops mail',
    settings: {
      host: '127.0.0.1',
      port: smtpPort,
      tls: 'none',
      user: 'tessera',
      from: 'tessera@notify.test',
      recipients: ['ops@notify.test', 'oncall@notify.test'],
    },
    password: SMTP_PASSWORD,
    ...extra,
  })

  const create = async (body: unknown) => {
    const res = await admin.post('notification-channels', body)
    expect(res.status, res.text).toBe(200)
    return res.body as { uid: string; secret_set: boolean; health: Record<string, unknown> }
  }

  it('lets admins manage channels, never returns a secret, and walls off other roles and organizations', async () => {
    const mail = await create(emailChannel())
    expect(mail.secret_set).toBe(true)
    const bell = await create({ kind: 'in_app', name: 'Bell' })
    expect(bell.secret_set).toBe(false)
    const chat = await create({ kind: 'slack', name: 'Chat', webhook_url: slackUrl })

    const list = await admin.get('notification-channels')
    expect(list.status).toBe(200)
    const uids = (list.body.items as { uid: string }[]).map((c) => c.uid)
    expect(uids).toEqual(expect.arrayContaining([mail.uid, bell.uid, chat.uid]))
    expect(list.text).not.toContain(SMTP_PASSWORD)
    expect(list.text).not.toContain(SLACK_PATH)
    expect(list.text).not.toContain('password')
    expect(list.text).not.toContain('webhook_url')

    for (const client of [viewer, operator]) {
      expect((await client.get('notification-channels')).status).toBe(403)
      expect(
        (await client.post('notification-channels', { kind: 'in_app', name: 'x' })).status,
      ).toBe(403)
    }
    expect((await stranger.get(`notification-channels/${mail.uid}`)).status).toBe(404)
    expect((await stranger.patch(`notification-channels/${mail.uid}`, { name: 'x' })).status).toBe(
      404,
    )
    expect((await stranger.delete(`notification-channels/${mail.uid}`)).status).toBe(404)
    expect((await stranger.get('notification-channels')).body.items as unknown[]).toEqual([])

    const renamed = await admin.patch(`notification-channels/${chat.uid}`, { name: 'Chat ops' })
    expect(renamed.status, renamed.text).toBe(200)
    expect(renamed.body.name).toBe('Chat ops')
    expect(renamed.body.secret_set).toBe(true)
    expect(renamed.text).not.toContain(SLACK_PATH)

    const doomed = await create({ kind: 'in_app', name: 'Doomed' })
    expect((await admin.delete(`notification-channels/${doomed.uid}`)).status).toBe(204)
    expect((await admin.get(`notification-channels/${doomed.uid}`)).status).toBe(404)

    const audit = await admin.get('audit', { query: { limit: '100' } })
    expect(audit.status, audit.text).toBe(200)
    const actions = (audit.body.items as { action: string }[]).map((e) => e.action)
    expect(actions).toEqual(
      expect.arrayContaining([
        'notification_channel.created',
        'notification_channel.updated',
        'notification_channel.deleted',
      ]),
    )
    expect(audit.text).not.toContain(SMTP_PASSWORD)
  })

  it('answers 422 naming each field wrong for the kind', async () => {
    const slackless = await admin.post('notification-channels', { kind: 'slack', name: 'S' })
    expect(slackless.status).toBe(422)
    expect(slackless.body.error.fields).toEqual([
      expect.objectContaining({ path: '/body/webhook_url' }),
    ])
    const hostless = await admin.post('notification-channels', {
      kind: 'email',
      name: 'E',
      settings: { port: 25, tls: 'none', from: 'a@notify.test' },
    })
    expect(hostless.status).toBe(422)
    expect(hostless.body.error.fields.map((f: { path: string }) => f.path)).toEqual([
      '/body/settings/host',
    ])
    const bellWithPassword = await admin.post('notification-channels', {
      kind: 'in_app',
      name: 'B',
      password: 'x',
    })
    expect(bellWithPassword.status).toBe(422)
    expect(bellWithPassword.body.error.fields.map((f: { path: string }) => f.path)).toEqual([
      '/body/password',
    ])
    const badUrl = await admin.post('notification-channels', {
      kind: 'slack',
      name: 'S',
      webhook_url: 'http://',
    })
    expect(badUrl.status).toBe(422)
    expect(badUrl.body.error.fields.map((f: { path: string }) => f.path)).toEqual([
      '/body/webhook_url',
    ])
    const badKind = await admin.post('notification-channels', { kind: 'pager', name: 'P' })
    expect(badKind.status).toBe(422)
    const badPort = await admin.post(
      'notification-channels',
      emailChannel({
        settings: { host: 'h', port: 0, tls: 'none', from: 'not an address' },
      }),
    )
    expect(badPort.status).toBe(422)
    const paths = badPort.body.error.fields.map((f: { path: string }) => f.path)
    expect(paths).toEqual(expect.arrayContaining(['/body/settings/port', '/body/settings/from']))
  })

  it('sends a test email and a queued one through a local SMTP server, with the login', async () => {
    const mail = await create(emailChannel({ name: 'SMTP' }))
    const test = await admin.post(`notification-channels/${mail.uid}/test`)
    expect(test.status, test.text).toBe(200)
    expect(test.body).toMatchObject({ delivered: true, error: null })
    const testMail = await waitFor('the test email', async () =>
      smtp.mails.find((m) => m.subject === 'Tessera test notification'),
    )
    expect(testMail.to).toEqual(['ops@notify.test', 'oncall@notify.test'])
    expect(testMail.from).toBe('tessera@notify.test')
    expect(testMail).toMatchObject({ user: 'tessera', password: SMTP_PASSWORD })

    const queued = await admin.post('notifications', {
      channel_uid: mail.uid,
      subject: 'Queue Billing is over its SLA',
      body: 'Seven tasks past their resolution target.',
    })
    expect(queued.status, queued.text).toBe(200)
    expect(queued.body.outbox_uid).toEqual(expect.any(String))
    const sent = await waitFor('the queued email', async () =>
      smtp.mails.find((m) => m.subject === 'Queue Billing is over its SLA'),
    )
    expect(sent.text).toBe('Seven tasks past their resolution target.')
    expect(sent.to).toEqual(['ops@notify.test', 'oncall@notify.test'])

    // Users named: each gets it at their own address instead of the channel's recipients.
    await admin.post('notifications', {
      channel_uid: mail.uid,
      user_uids: [viewerUser.uid],
      subject: 'For the viewer',
      body: 'Only you.',
    })
    const personal = await waitFor('the personal email', async () =>
      smtp.mails.find((m) => m.subject === 'For the viewer'),
    )
    expect(personal.to).toEqual([viewerUser.email])
    const health = await admin.get(`notification-channels/${mail.uid}`)
    expect(health.body.health).toMatchObject({ state: 'healthy', last_error: null })
    expect(health.body.health.last_success_at).toEqual(expect.any(String))
  })

  it('posts the Slack payload to the incoming webhook', async () => {
    const chat = await create({ kind: 'slack', name: 'Slack', webhook_url: slackUrl })
    const test = await admin.post(`notification-channels/${chat.uid}/test`)
    expect(test.body).toMatchObject({ delivered: true, error: null })
    await admin.post('notifications', {
      channel_uid: chat.uid,
      subject: 'Slack subject',
      body: 'Slack body',
    })
    const got = await waitFor('the Slack message', async () =>
      slack.received.find((r) => r.body.includes('Slack subject')),
    )
    expect(got.path).toBe(SLACK_PATH)
    expect(JSON.parse(got.body)).toEqual({ text: '*Slack subject*\nSlack body' })
  })

  it('delivers a healthy channel while a dead one hangs, and pauses a failing one with its error', async () => {
    const hangingChannel = await create({ kind: 'slack', name: 'Hangs', webhook_url: hangingUrl })
    const healthy = await create({ kind: 'slack', name: 'Healthy', webhook_url: slackUrl })
    for (let i = 0; i < 3; i++) {
      await admin.post('notifications', {
        channel_uid: hangingChannel.uid,
        subject: `stuck ${i}`,
        body: 'never answered',
      })
    }
    await waitFor('the hanging attempt', async () => (hanging.total() > 0 ? true : undefined))
    await admin.post('notifications', {
      channel_uid: healthy.uid,
      subject: 'gets through',
      body: 'meanwhile',
    })
    await waitFor('the healthy message', async () =>
      slack.received.find((r) => r.body.includes('gets through')),
    )
    // None of the dead channel's attempts has ended yet: they still hang.
    expect(hanging.open.size).toBeGreaterThan(0)
    const stuck = await admin.get(`notification-channels/${hangingChannel.uid}`)
    expect(stuck.body.health.consecutive_failures).toBe(0)

    const dead = await create({ kind: 'slack', name: 'Dead', webhook_url: await refusingUrl() })
    await admin.post('notifications', { channel_uid: dead.uid, subject: 'lost', body: 'x' })
    const paused = await waitFor('the dead channel to pause', async () => {
      const res = await admin.get(`notification-channels/${dead.uid}`)
      return res.body.health.state === 'paused' ? res.body : undefined
    })
    expect(paused.health.consecutive_failures).toBe(PAUSE_AFTER)
    expect(paused.health.last_error).toMatch(/ECONNREFUSED|refused|fetch failed/i)
    const resumed = await admin.post(`notification-channels/${dead.uid}/resume`)
    expect(resumed.status).toBe(200)
    expect(resumed.body.health.state).toBe('healthy')
  })

  it("keeps each user's bell their own: items, unread count, pages, mark read", async () => {
    for (const subject of ['first', 'second', 'third']) {
      const res = await admin.post('notifications', {
        user_uids: [viewerUser.uid],
        subject,
        body: `${subject} body`,
      })
      expect(res.status, res.text).toBe(200)
      expect(res.body.item_uids).toHaveLength(1)
    }
    const page = await viewer.get('notifications', { query: { limit: '2' } })
    expect(page.status, page.text).toBe(200)
    expect(page.body.unread_count).toBe(3)
    expect(page.body.items.map((i: { subject: string }) => i.subject)).toEqual(['third', 'second'])
    const rest = await viewer.get('notifications', {
      query: { limit: '2', cursor: page.body.next_cursor },
    })
    expect(rest.body.items.map((i: { subject: string }) => i.subject)).toEqual(['first'])
    expect(rest.body.next_cursor).toBeNull()

    // Nobody else sees them: not the admin who sent them, not another organization.
    const adminBell = await admin.get('notifications')
    expect(adminBell.body.items.map((i: { subject: string }) => i.subject)).not.toContain('first')
    expect((await stranger.get('notifications')).body).toMatchObject({ items: [], unread_count: 0 })
    // A uid of someone else's item changes nothing.
    const foreign = await admin.post('notifications/read', { uids: [page.body.items[0].uid] })
    expect(foreign.body.marked).toBe(0)

    const one = await viewer.post('notifications/read', { uids: [page.body.items[0].uid] })
    expect(one.status, one.text).toBe(200)
    expect(one.body).toEqual({ marked: 1, unread_count: 2 })
    const unread = await viewer.get('notifications', { query: { unread: 'true' } })
    expect(unread.body.items.map((i: { subject: string }) => i.subject)).toEqual([
      'second',
      'first',
    ])
    const all = await viewer.post('notifications/read', { all: true })
    expect(all.body).toEqual({ marked: 2, unread_count: 0 })
    expect((await viewer.post('notifications/read', {})).status).toBe(422)
    expect(
      (await viewer.post('notifications/read', { all: true, uids: [viewerUser.uid] })).status,
    ).toBe(422)
    // Only admins send.
    expect(
      (await viewer.post('notifications', { user_uids: [viewerUser.uid], subject: 's', body: '' }))
        .status,
    ).toBe(403)
    // Another organization's users are not reached.
    const across = await stranger.post('notifications', {
      user_uids: [viewerUser.uid],
      subject: 'across',
      body: '',
    })
    expect(across.body.item_uids).toEqual([])
  })

  it("puts an in-app channel's notification in every user's bell, and its test in the caller's", async () => {
    const bell = await create({ kind: 'in_app', name: 'Everyone' })
    const res = await admin.post('notifications', {
      channel_uid: bell.uid,
      subject: 'to everyone',
      body: 'hello',
    })
    // The organization's super admin (made with it), the admin, the viewer and the operator.
    expect(res.body.item_uids).toHaveLength(4)
    expect((await operator.get('notifications')).body.items[0].subject).toBe('to everyone')
    const test = await admin.post(`notification-channels/${bell.uid}/test`)
    expect(test.body.delivered).toBe(true)
    const mine = await admin.get('notifications')
    expect(mine.body.items[0].subject).toBe('Tessera test notification')
    expect((await viewer.get('notifications')).body.items[0].subject).toBe('to everyone')
    expect(adminUser.uid).toEqual(expect.any(String))
  })

  it('keeps the secrets sealed in the database', async () => {
    await server.stop()
    const db = await openDatabase(fresh.location)
    try {
      const rows = await db.pool.query<{ kind: string; secret_sealed: string | null }>(
        'SELECT kind, secret_sealed FROM notification_channels WHERE secret_sealed IS NOT NULL',
      )
      expect(rows.rows.length).toBeGreaterThan(0)
      for (const row of rows.rows) {
        expect(row.secret_sealed).toMatch(/^v1\./)
        expect(row.secret_sealed).not.toContain(SMTP_PASSWORD)
        expect(row.secret_sealed).not.toContain('slack-secret-path')
        expect(row.secret_sealed).not.toContain('127.0.0.1')
      }
      const settings = await db.pool.query('SELECT settings::text AS s FROM notification_channels')
      expect(JSON.stringify(settings.rows)).not.toContain(SMTP_PASSWORD)
    } finally {
      await db.close()
    }
  })
})
