import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Webhook } from '../../../api'
import { formatLag, WebhookHealthFigures } from './webhook-health'

const paused: Webhook['health'] = {
  state: 'paused',
  pending: 1234,
  lag_seconds: 5400,
  consecutive_failures: 20,
  last_success_at: null,
  last_error: 'connect ECONNREFUSED 127.0.0.1:9',
  last_error_at: '2025-06-30T10:00:00.000Z',
  backoff_until: null,
  paused_at: '2025-06-30T10:00:00.000Z',
}

describe('the health of a webhook', () => {
  it('shows its state, pending count, lag, last success and last error', () => {
    render(<WebhookHealthFigures health={paused} />)
    const figures = screen.getByTestId('webhook-health')
    expect(figures.textContent).toContain('Paused after repeated failures (20 failures in a row)')
    expect(figures.textContent).toContain('1234')
    expect(figures.textContent).toContain('1.5 h')
    expect(figures.textContent).toContain('never')
    expect(figures.textContent).toContain('connect ECONNREFUSED 127.0.0.1:9')
  })

  it('says "none" for the lag and the error of a healthy endpoint with nothing pending', () => {
    render(
      <WebhookHealthFigures
        health={{
          ...paused,
          state: 'healthy',
          pending: 0,
          lag_seconds: 0,
          consecutive_failures: 0,
          last_error: null,
          last_error_at: null,
          paused_at: null,
        }}
      />,
    )
    const text = screen.getByTestId('webhook-health').textContent ?? ''
    expect(text).toContain('Healthy')
    expect(text).not.toContain('failures in a row')
    expect(text.match(/none/g)).toHaveLength(2)
  })

  it('writes lags in seconds, minutes or hours', () => {
    expect(formatLag(4.4)).toBe('4 s')
    expect(formatLag(150)).toBe('3 min')
    expect(formatLag(7200)).toBe('2.0 h')
  })
})
