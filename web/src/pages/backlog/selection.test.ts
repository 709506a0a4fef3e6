import { describe, expect, it } from 'vitest'
import {
  allOnPage,
  bulkSelection,
  EMPTY_SELECTION,
  isSelected,
  selectedCount,
  toggleOne,
  togglePage,
  toggleRange,
} from './selection'

const PAGE = ['a', 'b', 'c', 'd', 'e']

const uidsOf = (selection: ReturnType<typeof toggleOne>) =>
  selection.kind === 'uids' ? [...selection.uids].sort() : 'filter'

describe('the selection', () => {
  it('keeps tasks of other pages while toggling on this one', () => {
    let selection = toggleOne(EMPTY_SELECTION, 'a', PAGE)
    selection = toggleOne(selection, 'z', ['y', 'z'])
    expect(uidsOf(selection)).toEqual(['a', 'z'])
    selection = toggleOne(selection, 'a', PAGE)
    expect(uidsOf(selection)).toEqual(['z'])
  })

  it('selects a range from the last row clicked, and unselects one the same way', () => {
    let selection = toggleOne(EMPTY_SELECTION, 'b', PAGE)
    selection = toggleRange(selection, 'd', PAGE)
    expect(uidsOf(selection)).toEqual(['b', 'c', 'd'])
    selection = toggleRange(selection, 'c', PAGE)
    expect(uidsOf(selection)).toEqual(['b'])
    // Without an anchor on the page, shift-click is a click.
    expect(uidsOf(toggleRange(EMPTY_SELECTION, 'e', PAGE))).toEqual(['e'])
  })

  it('selects and unselects the page, and everything matching', () => {
    const page = togglePage(toggleOne(EMPTY_SELECTION, 'z', ['z']), PAGE)
    expect(allOnPage(page, PAGE)).toBe(true)
    expect(uidsOf(togglePage(page, PAGE))).toEqual(['z'])
    const all = { kind: 'filter' } as const
    expect(isSelected(all, 'anything')).toBe(true)
    expect(selectedCount(all, 1234)).toBe(1234)
    expect(togglePage(all, PAGE)).toEqual(EMPTY_SELECTION)
    // Unselecting one of "all matching" leaves the rest of the page.
    expect(uidsOf(toggleOne(all, 'a', PAGE))).toEqual(['b', 'c', 'd', 'e'])
  })

  it('is sent as uids, or as the filter', () => {
    const filter = { status: 'TODO' }
    expect(bulkSelection(toggleOne(EMPTY_SELECTION, 'a', PAGE), filter)).toEqual({ uids: ['a'] })
    expect(bulkSelection({ kind: 'filter' }, filter)).toEqual({ filter })
  })
})
