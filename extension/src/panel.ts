import {
  type FormFieldView,
  type FormView,
  missingRequired,
  type RawValue,
  toFormData,
  toRawValue,
} from './form'
import type { PanelReply, PanelRequest, PanelView, PlayerAction } from './messages'
import { PANEL_CSS } from './panel-style'

/** How the panel reaches the service worker, and what it does when closed. */
export interface PanelChannel {
  send: (request: PanelRequest) => Promise<PanelReply>
  /** Called after the operator closed the panel (the host removes it). */
  closed: () => void
  /** Whether the panel starts folded, and where to remember it. */
  folded: boolean
  saveFolded: (folded: boolean) => void
}

/** What the panel says while a move is under way. */
const PENDING: Record<PlayerAction, string> = {
  start: 'Starting…',
  next: 'Looking for the next task…',
  next_skipped: 'Taking a skipped task…',
  complete: 'Completing…',
  pause: 'Pausing…',
  skip: 'Skipping…',
  stop: 'Stopping…',
}

type Child = Node | string | null | false | undefined

/** A small element builder: attributes (`on…` are listeners), then children. */
function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | EventListener | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') {
      element.addEventListener(name.slice(2), value)
    } else if (value === true) {
      element.setAttribute(name, '')
    } else if (typeof value === 'string') {
      element.setAttribute(name, value)
    }
  }
  for (const child of children) {
    if (child) {
      element.append(child)
    }
  }
  return element
}

/**
 * A listener that only runs for the operator's own clicks and key presses. The panel sits in
 * the back office's page, whose scripts can reach an open shadow root: an event they make up
 * (`button.click()`) is not trusted, and must not complete or skip a task.
 */
function trusted<E extends Event>(listener: (event: E) => void): EventListener {
  return (event) => {
    if (event.isTrusted) {
      listener(event as E)
    }
  }
}

const dueFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/**
 * The player's panel: the task in progress, its form, and Complete / Next / Pause / Skip,
 * drawn in a shadow root of `host` from the service worker's {@link PanelView}.
 */
export class PlayerPanel {
  private readonly root: ShadowRoot
  private view: PanelView | null = null
  private busy: PlayerAction | null = null
  private skipping = false
  private folded: boolean
  /** What the operator typed in the form, by field key, for the task `valuesFor`. */
  private values = new Map<string, RawValue>()
  private valuesFor: string | null = null
  /**
   * What a move under way is doing. One element for the panel's life, moved into each redraw:
   * screen readers follow a live region they have seen, not one made anew.
   */
  private readonly status = h('p', {
    class: 'meta',
    role: 'status',
    'data-testid': 'panel-status',
  })

  constructor(
    host: HTMLElement,
    private readonly channel: PanelChannel,
  ) {
    this.root = host.attachShadow({ mode: 'open' })
    this.folded = channel.folded
  }

  /** Shows a view the service worker sent. */
  show(view: PanelView): void {
    this.view = view
    const uid = view.current?.uid ?? null
    if (uid !== this.valuesFor) {
      // Another task: start from its stored values.
      this.valuesFor = uid
      this.values = new Map()
      this.skipping = false
      for (const section of view.form?.sections ?? []) {
        for (const field of section.fields) {
          this.values.set(field.key, toRawValue(field.type, view.current?.fields[field.key]))
        }
      }
    }
    this.render()
  }

  /** Moves the keyboard into the panel (the toolbar button's shortcut does this). */
  focus(): void {
    if (this.folded) {
      this.setFolded(false)
    }
    const first =
      this.root.querySelector<HTMLElement>('.body :is(button, input, select, textarea):enabled') ??
      this.root.querySelector<HTMLElement>('header button')
    first?.focus()
  }

  /** Reads the player again (the page came back into view). */
  async refresh(): Promise<void> {
    if (this.busy) {
      return
    }
    const reply = await this.channel.send({ type: 'panel:refresh' })
    if (reply.show) {
      this.show(reply.view)
    } else {
      // The operator plays in another tab now: this one lets go of the panel.
      this.channel.closed()
    }
  }

  private async act(
    action: PlayerAction,
    extra: { reason?: string; formData?: Record<string, unknown> } = {},
  ) {
    if (this.busy) {
      return
    }
    this.busy = action
    this.render()
    try {
      const reply = await this.channel.send({ type: 'panel:act', action, ...extra })
      this.busy = null
      this.show(reply.view)
    } catch (error) {
      this.busy = null
      if (this.view) {
        this.show({ ...this.view, error: error instanceof Error ? error.message : String(error) })
      }
    }
  }

  private setFolded(folded: boolean) {
    this.folded = folded
    this.channel.saveFolded(folded)
    this.render()
    this.root.querySelector<HTMLElement>('button.fold')?.focus()
  }

  private render() {
    const view = this.view
    // Keep the keyboard where it was across the redraw.
    const focused = (this.root.activeElement as HTMLElement | null)?.dataset.focus
    const title =
      this.folded && view?.current ? `Tessera · ${view.current.title}` : 'Tessera player'
    const panel = h(
      'section',
      {
        class: this.folded ? 'panel folded' : 'panel',
        role: 'region',
        'aria-label': 'Tessera player',
      },
      h(
        'header',
        {},
        h('h2', { title }, title),
        h(
          'button',
          {
            type: 'button',
            class: 'fold',
            'data-focus': 'fold',
            'aria-expanded': this.folded ? 'false' : 'true',
            'aria-controls': 'tessera-panel-body',
            'aria-label': this.folded ? 'Unfold the player' : 'Fold the player',
            title: this.folded ? 'Unfold' : 'Fold',
            onclick: trusted(() => this.setFolded(!this.folded)),
          },
          this.folded ? '▴' : '▾',
        ),
        h(
          'button',
          {
            type: 'button',
            'data-focus': 'close',
            'aria-label': 'Close the player',
            title: 'Close (the toolbar button brings it back)',
            onclick: trusted(() => void this.close()),
          },
          '×',
        ),
      ),
      h('div', { class: 'body', id: 'tessera-panel-body' }, ...(view ? this.body(view) : [])),
    )
    this.root.replaceChildren(h('style', {}, PANEL_CSS), panel)
    if (focused) {
      this.root.querySelector<HTMLElement>(`[data-focus="${focused}"]`)?.focus()
    }
  }

  private async close() {
    await this.channel.send({ type: 'panel:close' })
    this.channel.closed()
  }

  private body(view: PanelView): Child[] {
    const status = this.status
    status.textContent = this.busy ? PENDING[this.busy] : ''
    const error = view.error ? h('p', { class: 'error', role: 'alert' }, view.error) : null
    if (view.connection !== 'ready') {
      return [
        view.connection === 'unconfigured'
          ? h('p', { class: 'notice' }, 'Set the address of your Tessera server first.')
          : null,
        error,
        h(
          'div',
          { class: 'controls' },
          this.button(
            'Options',
            'options',
            () => void this.channel.send({ type: 'panel:options' }),
          ),
          view.connection === 'unconfigured'
            ? null
            : this.button('Try again', 'retry', () => void this.refresh(), true),
        ),
        view.connection === 'signed_out' && view.serverUrl
          ? h(
              'p',
              { class: 'meta' },
              h(
                'a',
                { href: `${view.serverUrl}/`, target: '_blank', rel: 'noopener' },
                'Sign in to Tessera',
              ),
            )
          : null,
      ]
    }
    const meta = h(
      'p',
      { class: 'meta', 'data-testid': 'panel-session' },
      h('span', {}, view.session ? `Playing ${view.session.playing}` : 'Not playing'),
      view.session ? h('span', {}, `${view.session.completed} done`) : null,
    )
    const who = view.who ? h('p', { class: 'who' }, `Playing as ${view.who}`) : null
    const current = view.current
    if (!view.session && !current) {
      return [
        meta,
        error,
        h(
          'p',
          { class: 'notice' },
          'Start playing to be handed the most urgent task of your queues.',
        ),
        h(
          'div',
          { class: 'controls' },
          this.button('Start playing', 'start', () => void this.act('start'), true),
        ),
        status,
        who,
      ]
    }
    if (!current) {
      return [
        meta,
        view.notice
          ? h('p', { class: 'notice', 'data-testid': 'panel-notice' }, view.notice)
          : null,
        error,
        h(
          'div',
          { class: 'controls' },
          this.button('Next', 'next', () => void this.act('next'), true),
          view.skippedAvailable > 0
            ? this.button(
                'Take a skipped task',
                'next_skipped',
                () => void this.act('next_skipped'),
              )
            : null,
          this.button('Stop', 'stop', () => void this.act('stop')),
        ),
        status,
        who,
      ]
    }
    const details = [current.queueName, `due ${dueFormat.format(new Date(current.dueAt))}`].filter(
      Boolean,
    )
    const task = h(
      'div',
      { class: 'task' },
      h('h3', { 'data-testid': 'panel-task-title' }, current.title),
      h('p', {}, details.join(' · ')),
      h(
        'p',
        {},
        h('a', { href: current.appUrl, target: '_blank', rel: 'noopener' }, 'Open in Tessera'),
        current.url ? null : ' · this task has no page to open',
      ),
    )
    const missing = view.form ? missingRequired(view.form, this.values) : []
    const complete = () =>
      void this.act(
        'complete',
        view.form ? { formData: toFormData(view.form, this.values, current.fields) } : {},
      )
    return [
      meta,
      task,
      view.notice ? h('p', { class: 'notice', 'data-testid': 'panel-notice' }, view.notice) : null,
      view.form ? this.form(view.form, view.fieldErrors, complete, missing) : null,
      error,
      this.skipping
        ? this.skipForm()
        : h(
            'div',
            { class: 'controls' },
            this.button('Complete', 'complete', complete, true, missing.length > 0),
            this.button('Pause', 'pause', () => void this.act('pause')),
            this.button('Skip', 'skip', () => {
              this.skipping = true
              this.render()
              this.root.querySelector<HTMLInputElement>('form.skip input')?.focus()
            }),
          ),
      missing.length > 0
        ? h(
            'p',
            { class: 'missing', 'data-testid': 'panel-missing' },
            `To complete, fill: ${missing.join(', ')}.`,
          )
        : null,
      status,
      who,
    ]
  }

  private button(
    label: string,
    focus: string,
    onClick: () => void,
    primary = false,
    disabled = false,
  ): HTMLButtonElement {
    return h(
      'button',
      {
        type: 'button',
        class: primary ? 'action primary' : 'action',
        'data-focus': focus,
        disabled: disabled || this.busy !== null,
        onclick: trusted(onClick),
      },
      label,
    )
  }

  private skipForm(): HTMLFormElement {
    const input = h('input', {
      type: 'text',
      required: true,
      maxlength: '1000',
      'data-focus': 'skip-reason',
      autocomplete: 'off',
    })
    const cancel = () => {
      this.skipping = false
      this.render()
      this.root.querySelector<HTMLElement>('[data-focus="skip"]')?.focus()
    }
    return h(
      'form',
      {
        class: 'skip',
        onsubmit: trusted((event) => {
          event.preventDefault()
          const reason = input.value.trim()
          if (reason) {
            this.skipping = false
            void this.act('skip', { reason })
          }
        }),
        onkeydown: trusted<KeyboardEvent>((event) => {
          if (event.key === 'Escape') {
            event.preventDefault()
            cancel()
          }
        }),
      },
      h('label', { class: 'field' }, h('span', {}, 'Reason for skipping'), input),
      h(
        'div',
        { class: 'controls' },
        h(
          'button',
          { type: 'submit', class: 'action primary', 'data-focus': 'skip-submit' },
          'Skip task',
        ),
        h('button', { type: 'button', class: 'action', onclick: trusted(cancel) }, 'Cancel'),
      ),
    )
  }

  private form(
    form: FormView,
    errors: Record<string, string>,
    complete: () => void,
    missing: string[],
  ): HTMLFormElement {
    return h(
      'form',
      {
        class: 'fields',
        'aria-label': form.name ?? 'Fields to fill',
        onsubmit: trusted((event) => {
          // Enter in a field completes, once every required field is filled.
          event.preventDefault()
          if (missing.length === 0 && !this.busy) {
            complete()
          }
        }),
      },
      ...form.sections.map((section) =>
        h(
          'fieldset',
          {},
          section.title ? h('legend', {}, section.title) : null,
          section.helpText ? h('p', { class: 'help' }, section.helpText) : null,
          ...section.fields.map((field) => this.input(field, errors[field.key])),
        ),
      ),
      // Enter submits a form only when it has a submit button.
      h('button', { type: 'submit', hidden: true, tabindex: '-1' }),
    )
  }

  /** One field's input, by type, with its label, help and the server's complaint. */
  private input(field: FormFieldView, problem: string | undefined): HTMLElement {
    const id = `tessera-field-${field.key}`
    const value = this.values.get(field.key)
    const text = typeof value === 'string' ? value : ''
    const set = (next: RawValue) => {
      const before = missingRequired(this.viewForm(), this.values).length
      this.values.set(field.key, next)
      // Redraw only when Complete becomes possible or not: typing keeps its caret.
      if (missingRequired(this.viewForm(), this.values).length !== before) {
        this.render()
      }
    }
    const help = field.helpText
      ? h('span', { class: 'help', id: `${id}-help` }, field.helpText)
      : null
    const complaint = problem ? h('span', { class: 'problem', id: `${id}-problem` }, problem) : null
    const described = [help && `${id}-help`, complaint && `${id}-problem`].filter(Boolean)
    const common = {
      id,
      'data-focus': `field-${field.key}`,
      'aria-invalid': problem ? 'true' : undefined,
      'aria-describedby': described.length > 0 ? described.join(' ') : undefined,
      required: field.required,
    }
    const label = h(
      'span',
      {},
      field.label,
      field.currency ? ` (${field.currency})` : null,
      field.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null,
    )
    if (field.type === 'multi_select') {
      const ticked = new Set(Array.isArray(value) ? value : [])
      return h(
        'fieldset',
        { class: 'field', 'data-focus': `field-${field.key}` },
        h('legend', {}, label),
        ...field.options.map((option) =>
          h(
            'label',
            { class: 'choice' },
            h('input', {
              type: 'checkbox',
              value: option.value,
              checked: ticked.has(option.value),
              onchange: (event: Event) => {
                const box = event.target as HTMLInputElement
                box.checked ? ticked.add(option.value) : ticked.delete(option.value)
                set([...ticked])
              },
            }),
            option.label,
          ),
        ),
        help,
        complaint,
      )
    }
    let control: HTMLElement
    // Values are not guarded like the moves: what is typed is on screen for the operator to
    // see before Complete, which only their own click makes.
    const onInput = (event: Event) =>
      set((event.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value)
    if (field.type === 'single_select' || field.type === 'user' || field.type === 'boolean') {
      const options =
        field.type === 'boolean'
          ? [
              { value: 'true', label: 'Yes' },
              { value: 'false', label: 'No' },
            ]
          : field.options
      const select = h(
        'select',
        { ...common, onchange: onInput },
        h('option', { value: '' }, '—'),
        ...options.map((option) => h('option', { value: option.value }, option.label)),
      )
      select.value = text
      control = select
    } else if (field.type === 'long_text') {
      const area = h('textarea', { ...common, rows: '3', oninput: onInput })
      area.value = text
      control = area
    } else {
      const input = h('input', {
        ...common,
        type: INPUT_TYPES[field.type] ?? 'text',
        step: field.type === 'money' ? '0.01' : field.type === 'number' ? 'any' : undefined,
        oninput: onInput,
      })
      input.value = text
      control = input
    }
    return h('div', { class: 'field' }, h('label', { for: id }, label), control, help, complaint)
  }

  private viewForm(): FormView {
    return this.view?.form ?? { name: null, sections: [] }
  }
}

const INPUT_TYPES: Partial<Record<FormFieldView['type'], string>> = {
  number: 'number',
  money: 'number',
  date: 'date',
  datetime: 'datetime-local',
  url: 'url',
  email: 'email',
}
