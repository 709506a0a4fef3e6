/** The options page asks the service worker to try the saved settings. */
export type OptionsRequest = { type: 'options:check' }

export type OptionsReply = { ok: true; who: string } | { ok: false; problem: string }
