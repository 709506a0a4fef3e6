import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { commandForKey, type PlayerCommand, usePlayerShortcuts } from './shortcuts'

const press = (key: string, extra: Partial<Parameters<typeof commandForKey>[0]> = {}) =>
  commandForKey({ key, ctrlKey: false, metaKey: false, altKey: false, target: null, ...extra })

describe('commandForKey', () => {
  it('maps the documented keys, in either case', () => {
    expect(['c', 'n', 'p', 's', 'x', 'C'].map((key) => press(key))).toEqual([
      'complete',
      'next',
      'pause',
      'skip',
      'stop',
      'complete',
    ])
    expect(press('q')).toBeNull()
  })

  it('leaves browser shortcuts and held keys alone', () => {
    expect(press('c', { ctrlKey: true })).toBeNull()
    expect(press('c', { metaKey: true })).toBeNull()
    expect(press('c', { altKey: true })).toBeNull()
    expect(press('c', { repeat: true })).toBeNull()
  })
})

function Harness({ onCommand }: { onCommand: (command: PlayerCommand) => void }) {
  usePlayerShortcuts(onCommand, true)
  return (
    <label>
      Reason
      <input type="text" />
    </label>
  )
}

describe('usePlayerShortcuts', () => {
  it('acts on keys pressed on the page, not on letters typed in a field', async () => {
    const user = userEvent.setup()
    const onCommand = vi.fn()
    render(<Harness onCommand={onCommand} />)
    await user.keyboard('c')
    expect(onCommand).toHaveBeenCalledWith('complete')
    await user.click(screen.getByLabelText('Reason'))
    await user.keyboard('next')
    expect(onCommand).toHaveBeenCalledTimes(1)
    expect(screen.getByLabelText<HTMLInputElement>('Reason').value).toBe('next')
  })
})
