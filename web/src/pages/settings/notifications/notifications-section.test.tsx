import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Schema } from '../../../api'
import { installFakeApi } from '../../../test/fake-api'
import { session } from '../../../test/fixtures'
import { renderApp } from '../../../test/render-app'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

// Settings is a lazily loaded page: its first render waits for its chunk.
const LAZY = { timeout: 10_000 }

const mail: Schema<'NotificationChannel'> = {
  uid: '00000000-0000-4000-8000-0000000000c1',
  kind: 'email',
  name: 'Ops mail',
  active: true,
  settings: {
    host: 'smtp.example.test',
    port: 587,
    tls: 'starttls',
    user: 'ops',
    from: 'ops@example.test',
    recipients: ['a@example.test', 'b@example.test'],
  },
  secret_set: true,
  health: {
    state: 'healthy',
    consecutive_failures: 0,
    last_success_at: null,
    last_error: null,
    last_error_at: null,
    paused_at: null,
  },
  created_at: '2025-01-01T00:00:00.000Z',
  updated_at: '2025-01-01T00:00:00.000Z',
}

describe('Settings › Notifications', () => {
  it('edits a channel: its settings sent whole, the stored password kept, refusals on their input', async () => {
    const user = userEvent.setup()
    const sent: unknown[] = []
    installFakeApi({
      'GET /auth/session': () => session('admin'),
      'GET /notification-channels': () => ({ items: [mail] }),
      [`PATCH /notification-channels/${mail.uid}`]: async (request) => {
        sent.push(await request.json())
        return sent.length === 1
          ? Response.json(
              {
                error: {
                  code: 'validation_failed',
                  message: 'The channel is invalid.',
                  request_id: 'r',
                  fields: [{ path: '/body/settings/port', message: 'must be <= 65535' }],
                },
              },
              { status: 422 },
            )
          : { ...mail, name: 'Ops mail (new relay)' }
      },
    })
    renderApp('/settings/notifications')
    await user.click(await screen.findByRole('button', { name: 'Edit Ops mail' }, LAZY))
    const form = screen.getByRole('form', { name: 'Edit channel Ops mail' })
    expect((within(form).getByLabelText('SMTP host') as HTMLInputElement).value).toBe(
      'smtp.example.test',
    )
    expect(within(form).getByLabelText('Password (blank: keep the stored one)')).toBeTruthy()
    const host = within(form).getByLabelText('SMTP host')
    await user.clear(host)
    await user.type(host, 'relay.example.test')
    const port = within(form).getByLabelText('Port')
    await user.clear(port)
    await user.type(port, '99999')
    await user.click(within(form).getByRole('button', { name: 'Save channel' }))
    expect(await within(form).findByText('must be <= 65535')).toBeTruthy()
    expect(within(form).getByLabelText('Port').getAttribute('aria-invalid')).toBe('true')

    await user.clear(port)
    await user.type(port, '2525')
    const name = within(form).getByLabelText('Name')
    await user.type(name, ' (new relay)')
    await user.click(within(form).getByRole('button', { name: 'Save channel' }))
    await vi.waitFor(() => expect(screen.queryByRole('form', { name: /^Edit channel/ })).toBeNull())
    expect(sent[1]).toEqual({
      name: 'Ops mail (new relay)',
      settings: {
        host: 'relay.example.test',
        port: 2525,
        tls: 'starttls',
        user: 'ops',
        from: 'ops@example.test',
        recipients: ['a@example.test', 'b@example.test'],
      },
    })
  })
})
