import { type Task, TesseraApiError, type TesseraClient, unwrap } from '../../sdk/src/index'
import { describeError } from './api'
import { fieldErrorsByKey } from './form'
import { loadTaskForm } from './form-source'
import type { CurrentTaskView, PanelRequest, PanelView } from './messages'
import type { Settings } from './settings'

/**
 * What the service worker remembers between requests (in chrome.storage.session: a service
 * worker is put to sleep after half a minute idle and loses its variables).
 */
export interface Memo {
  /** The tab the player plays in: every task's url opens there. */
  playerTabId: number | null
  /** The task last handed to the operator, to say what became of it when it leaves. */
  lastTask: { uid: string; title: string } | null
  /** The last Next found nothing to do. */
  empty: boolean
  /** … or only tasks skipped in this session: how many. */
  skippedAvailable: number
}

export const EMPTY_MEMO: Memo = {
  playerTabId: null,
  lastTask: null,
  empty: false,
  skippedAvailable: 0,
}

/** A view of a panel that cannot reach the player (yet): only the connection says why. */
export function unreachableView(
  connection: PanelView['connection'],
  serverUrl: string | null,
  error: string | null,
): PanelView {
  return {
    connection,
    serverUrl,
    who: null,
    session: null,
    current: null,
    notice: null,
    skippedAvailable: 0,
    form: null,
    error,
    fieldErrors: {},
  }
}

/** The url of a task the tab may be sent to: http(s) only, never `javascript:` or a file. */
export function openableUrl(url: unknown): string | null {
  if (typeof url !== 'string') {
    return null
  }
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null
  } catch {
    return null
  }
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/**
 * What became of the task last handed to the operator, now that it is no longer in
 * progress: paused and still theirs, snoozed, unassigned or given to someone else (by whom),
 * completed, or deleted.
 */
async function fateOf(
  client: TesseraClient,
  task: { uid: string; title: string },
  myUid: string,
): Promise<string | null> {
  const { data, response } = await client.GET('/tasks/{uid}', {
    params: { path: { uid: task.uid } },
  })
  if (response.status === 404) {
    return `“${task.title}” was deleted.`
  }
  if (!data) {
    return null
  }
  if (data.status === 'DONE') {
    return `“${task.title}” is done.`
  }
  if (data.assignee_uid === myUid) {
    if (data.status === 'STARTED') {
      return null
    }
    const snoozed = data.snooze_expires_at ? new Date(data.snooze_expires_at) : null
    if (snoozed && snoozed.getTime() > Date.now()) {
      return `“${task.title}” is snoozed until ${timeFormat.format(snoozed)}; it comes back to you then.`
    }
    return `Paused: “${task.title}” is still yours. Next brings it back first.`
  }
  const names = async () => {
    const users = await unwrap(client.GET('/users')).catch(() => ({ items: [] }))
    const name = (uid: string | null) =>
      users.items.find((user) => user.uid === uid)?.name ?? 'someone'
    return { by: name(data.assignee_updated_by), to: name(data.assignee_uid) }
  }
  const { by, to } = await names()
  return data.assignee_uid
    ? `“${task.title}” was reassigned to ${to} by ${by}.`
    : `“${task.title}” was unassigned by ${by}.`
}

/** Reads the player and everything the panel shows with it. */
export async function buildView(
  client: TesseraClient,
  settings: Settings,
  memo: Memo,
): Promise<PanelView> {
  const { serverUrl } = settings
  let me: Awaited<ReturnType<typeof readAccount>>
  let state: Awaited<ReturnType<typeof readPlayer>>
  try {
    ;[me, state] = await Promise.all([readAccount(client), readPlayer(client)])
  } catch (error) {
    if (error instanceof TesseraApiError && (error.status === 401 || error.status === 403)) {
      const why =
        error.status === 403
          ? error.message
          : settings.token
            ? 'The server refuses this API token (unknown, revoked or expired): paste a valid one in the extension’s options.'
            : `Sign in to Tessera at ${serverUrl} in this browser, or paste an API token in the extension’s options.`
      return unreachableView('signed_out', serverUrl, why)
    }
    return unreachableView('offline', serverUrl, describeError(error, serverUrl))
  }
  const queues = (await unwrap(client.GET('/queues'))).items
  const queueName = (uid: string | null) => queues.find((queue) => queue.uid === uid)?.name ?? null
  const session = state.session && {
    completed: state.session.completed,
    playing: state.session.queue_uids
      ? state.session.queue_uids.map(queueName).filter(Boolean).join(', ') || 'no queue left'
      : 'all your queues',
  }
  const current = state.current
  let notice: string | null = null
  if (!current && memo.lastTask) {
    notice = await fateOf(client, memo.lastTask, me.user.uid)
  }
  if (!current && !notice && memo.empty) {
    notice =
      memo.skippedAvailable > 0
        ? `Only tasks you skipped in this session are left (${memo.skippedAvailable}).`
        : 'Nothing to do right now: no task is waiting in your queues.'
  }
  return {
    connection: 'ready',
    serverUrl,
    who: `${me.user.name || me.user.email} · ${me.role}`,
    session,
    current: current && currentView(current, serverUrl, queueName(current.queue_uid)),
    notice,
    skippedAvailable: current ? 0 : memo.skippedAvailable,
    form: current ? await loadTaskForm(client, current, queues) : null,
    error: null,
    fieldErrors: {},
  }
}

const readAccount = (client: TesseraClient) => unwrap(client.GET('/accounts/me'))
const readPlayer = (client: TesseraClient) => unwrap(client.GET('/player'))

function currentView(task: Task, serverUrl: string, queueName: string | null): CurrentTaskView {
  return {
    uid: task.uid,
    title: task.fields.title,
    url: openableUrl(task.fields.url),
    dueAt: task.due_at,
    queueName,
    appUrl: `${serverUrl}/tasks/${encodeURIComponent(task.uid)}`,
    fields: task.fields,
  }
}

/** What a move changed: the memo to keep, and the page to open in the player's tab. */
export interface MoveResult {
  memo: Memo
  open: string | null
}

/**
 * Makes one move of the player. Complete, skip and start go straight on to the next task,
 * as in the web app's player; the task handed out opens in the player's tab.
 */
export async function move(
  client: TesseraClient,
  request: Extract<PanelRequest, { type: 'panel:act' }>,
  before: Memo,
): Promise<MoveResult> {
  let memo = { ...before, empty: false, skippedAvailable: 0 }
  const next = async (includeSkipped: boolean): Promise<MoveResult> => {
    const played = await unwrap(
      client.POST('/player/next', { body: includeSkipped ? { include_skipped: true } : {} }),
    )
    const task = played.task
    memo = {
      ...memo,
      lastTask: task ? { uid: task.uid, title: task.fields.title } : memo.lastTask,
      empty: task === null,
      skippedAvailable: task ? 0 : played.skipped_available,
    }
    return { memo, open: task ? openableUrl(task.fields.url) : null }
  }
  switch (request.action) {
    case 'start':
      await unwrap(client.POST('/player/start', { body: { queue_uids: null } }))
      return next(false)
    case 'next':
      return next(false)
    case 'next_skipped':
      return next(true)
    case 'complete':
      await unwrap(
        client.POST('/player/complete', {
          body: request.formData ? { form_data: request.formData } : {},
        }),
      )
      memo.lastTask = null
      return next(false)
    case 'skip':
      await unwrap(client.POST('/player/skip', { body: { reason: request.reason ?? '' } }))
      memo.lastTask = null
      return next(false)
    case 'pause':
      // The task stays the operator's: the panel says so, from the task itself (fateOf).
      await unwrap(client.POST('/player/pause', { body: {} }))
      return { memo, open: null }
    case 'stop':
      await unwrap(client.POST('/player/stop'))
      return { memo: { ...memo, lastTask: null }, open: null }
  }
}

/** The message and per-field messages of a failed move, for the panel. */
export function moveError(
  error: unknown,
  serverUrl: string,
): Pick<PanelView, 'error' | 'fieldErrors'> {
  return {
    error: describeError(error, serverUrl),
    fieldErrors: error instanceof TesseraApiError ? fieldErrorsByKey(error.fields) : {},
  }
}
