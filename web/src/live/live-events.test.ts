import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { queryKeys } from '../api'
import { createEventBatcher, invalidationKeys, parseTasksEvent } from './live-events'

describe('parseTasksEvent', () => {
  it('reads the server event', () => {
    expect(parseTasksEvent('{"task_uids":["a"],"types":["created"]}')).toEqual({
      task_uids: ['a'],
      types: ['created'],
    })
  })

  it('ignores what is not an event', () => {
    expect(parseTasksEvent('not json')).toBeNull()
    expect(parseTasksEvent('{"task_uids":[1]}')).toBeNull()
    expect(parseTasksEvent('null')).toBeNull()
  })
})

describe('invalidationKeys', () => {
  it('refreshes lists, counts, the player and the named tasks', () => {
    const keys = invalidationKeys([
      { task_uids: ['a', 'b'], types: ['updated'] },
      { task_uids: ['a'], types: ['commented'] },
    ])
    expect(keys).toEqual([
      queryKeys.taskLists,
      queryKeys.queueStats,
      queryKeys.player,
      queryKeys.dashboard,
      queryKeys.task('a'),
      queryKeys.task('b'),
    ])
  })

  it('refreshes everything about tasks when an event names none', () => {
    const keys = invalidationKeys([
      { task_uids: ['a'], types: ['updated'] },
      { task_uids: [], types: ['created'] },
    ])
    expect(keys).toContainEqual(queryKeys.tasks)
    expect(keys).not.toContainEqual(queryKeys.task('a'))
  })
})

describe('createEventBatcher', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('hands a burst over once', () => {
    const flush = vi.fn()
    const batcher = createEventBatcher(flush, 300)
    for (let i = 0; i < 100; i++) {
      batcher.push({ task_uids: [String(i)], types: ['created'] })
    }
    expect(flush).not.toHaveBeenCalled()
    vi.advanceTimersByTime(300)
    expect(flush).toHaveBeenCalledTimes(1)
    expect(flush.mock.calls[0]?.[0]).toHaveLength(100)
    batcher.push({ task_uids: ['x'], types: ['updated'] })
    vi.advanceTimersByTime(300)
    expect(flush).toHaveBeenCalledTimes(2)
  })

  it('drops what is pending when cancelled', () => {
    const flush = vi.fn()
    const batcher = createEventBatcher(flush, 300)
    batcher.push({ task_uids: ['a'], types: ['created'] })
    batcher.cancel()
    vi.advanceTimersByTime(1000)
    expect(flush).not.toHaveBeenCalled()
  })
})
