/**
 * Where the app mounts Settings (`/settings/*`). Links are absolute: relative ones inside a
 * splat route resolve against the whole current URL and would pile up segments.
 */
export const SETTINGS_PATH = '/settings'

/** The queues' list; each queue's editor is below it (`/new`, `/:uid`). */
export const QUEUES_PATH = `${SETTINGS_PATH}/queues`

/** Custom field definitions; each one's editor is below it (`/new`, `/:uid`). */
export const FIELDS_PATH = `${SETTINGS_PATH}/fields`

/** Forms; each one's editor is below it (`/new`, `/:uid`). */
export const FORMS_PATH = `${SETTINGS_PATH}/forms`

/** Automations (rules); each one's editor is below it (`/new`, `/:uid`). */
export const AUTOMATIONS_PATH = `${SETTINGS_PATH}/automations`
