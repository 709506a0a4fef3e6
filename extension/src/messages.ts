import type { FormView } from './form'

/** The player's moves, as the panel's buttons name them. */
export type PlayerAction =
  | 'start'
  | 'next'
  | 'next_skipped'
  | 'complete'
  | 'pause'
  | 'skip'
  | 'stop'

/** What the panel (content script or the extension's player page) asks the service worker. */
export type PanelRequest =
  /**
   * On load: is this the player's tab, and what to show. The extension's own player page
   * claims its tab: it is opened to play.
   */
  | { type: 'panel:hello'; claim?: boolean }
  /** The panel came back into view: read the player again. */
  | { type: 'panel:refresh' }
  | {
      type: 'panel:act'
      action: PlayerAction
      /** With `skip`. */
      reason?: string
      /** With `complete`: the form's values by field key. */
      formData?: Record<string, unknown>
    }
  /** The operator closed the panel: this tab is no longer the player's. */
  | { type: 'panel:close' }
  /** Open the options page (content scripts cannot). */
  | { type: 'panel:options' }

/** What the service worker tells a tab's content script. */
export type TabMessage = { type: 'panel:show' }

/** The task in progress, as the panel shows it. */
export interface CurrentTaskView {
  uid: string
  title: string
  /** The back-office page the tab is sent to; null when the task has none we may open. */
  url: string | null
  dueAt: string
  queueName: string | null
  /** The task's page in the web app. */
  appUrl: string
  /** The task's stored values of the form's fields, by key. */
  fields: Record<string, unknown>
}

/** Everything the panel shows, worked out by the service worker. */
export interface PanelView {
  /**
   * unconfigured: no server set yet; signed_out: the server refuses the token or there is no
   * web session; offline: the server does not answer; ready: the player can be used.
   */
  connection: 'unconfigured' | 'signed_out' | 'offline' | 'ready'
  serverUrl: string | null
  /** Who the panel plays as: `Ada Lovelace · operator`. */
  who: string | null
  /** Null: not playing (Start begins a session on every queue the operator may work). */
  session: { completed: number; playing: string } | null
  current: CurrentTaskView | null
  /** A sentence about the player's state: paused and still yours, unassigned by someone… */
  notice: string | null
  /** After a Next that found only tasks skipped in this session: how many. */
  skippedAvailable: number
  form: FormView | null
  /** What went wrong with the last move or read, as a sentence. */
  error: string | null
  /** From a 422 of Complete: the message for each wrong field, by key. */
  fieldErrors: Record<string, string>
}

/** The service worker's answer to every panel request. */
export interface PanelReply {
  /** Whether this tab shows the panel (it is the player's tab). */
  show: boolean
  view: PanelView
}
