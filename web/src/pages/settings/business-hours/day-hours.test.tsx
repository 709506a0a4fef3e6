import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { DayHours } from './day-hours'

describe('DayHours', () => {
  it('labels each time with its day and interval, and reports edits to the right one', () => {
    const onChange = vi.fn()
    render(
      <DayHours
        day="mon"
        name="Monday"
        intervals={[
          { start: '09:00', end: '12:00' },
          { start: '13:00', end: '18:00' },
        ]}
        errors={[]}
        onChange={onChange}
      />,
    )
    expect(screen.getByLabelText('Opens Monday 1')).toHaveProperty('value', '09:00')
    expect(screen.getByLabelText('Closes Monday 2')).toHaveProperty('value', '18:00')
    fireEvent.change(screen.getByLabelText('Closes Monday 1'), { target: { value: '12:30' } })
    expect(onChange).toHaveBeenLastCalledWith([
      { start: '09:00', end: '12:30' },
      { start: '13:00', end: '18:00' },
    ])
    fireEvent.change(screen.getByLabelText('Opens Monday 2'), { target: { value: '14:00' } })
    expect(onChange).toHaveBeenLastCalledWith([
      { start: '09:00', end: '12:00' },
      { start: '14:00', end: '18:00' },
    ])
  })
})
