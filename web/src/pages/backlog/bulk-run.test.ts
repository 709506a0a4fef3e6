import { describe, expect, it } from 'vitest'
import { type BulkBody, type BulkResult, runBulkAction, runBulkUndo } from './bulk-run'

function chunk(
  processed: number,
  next: string | null,
  failed: BulkResult['failed'] = [],
): BulkResult {
  return {
    matched_total: 1100,
    processed,
    changed: processed - failed.length,
    unchanged: 0,
    failed,
    next,
    undo_uid: '00000000-0000-4000-8000-0000000000f1',
  }
}

const BODY: BulkBody = { selection: { filter: { status: 'TODO' } }, action: { type: 'archive' } }

describe('runBulkAction', () => {
  it('goes on with the cursor until the last chunk, collecting failures', async () => {
    const sent: BulkBody[] = []
    const answers = [
      chunk(500, 'c1', [{ uid: 'u1', code: 'validation_failed', message: 'no' }]),
      chunk(1000, 'c2'),
      chunk(1100, null, [{ uid: 'u2', code: 'not_found', message: 'gone' }]),
    ]
    const progress: number[] = []
    const outcome = await runBulkAction(
      async (body) => {
        sent.push(body)
        return answers[sent.length - 1] as BulkResult
      },
      BODY,
      (result) => progress.push(result.processed),
    )
    expect(sent.map((body) => body.selection.after)).toEqual([undefined, 'c1', 'c2'])
    expect(sent.every((body) => body.action.type === 'archive')).toBe(true)
    expect(progress).toEqual([500, 1000, 1100])
    expect(outcome.failed.map((problem) => problem.uid)).toEqual(['u1', 'u2'])
    expect(outcome.stopped).toBe(false)
  })

  it('stops between chunks when asked', async () => {
    let calls = 0
    const outcome = await runBulkAction(
      async () => {
        calls += 1
        return chunk(500, 'c1')
      },
      BODY,
      () => undefined,
      () => calls >= 1,
    )
    expect(calls).toBe(1)
    expect(outcome.stopped).toBe(true)
  })
})

describe('runBulkUndo', () => {
  it('calls again while tasks remain', async () => {
    const answers = [
      {
        total: 700,
        processed: 500,
        restored: 499,
        skipped: [{ uid: 'u1', code: 'version_conflict' as const, message: 'changed' }],
        remaining: 200,
      },
      { total: 700, processed: 700, restored: 699, skipped: [], remaining: 0 },
    ]
    let calls = 0
    const outcome = await runBulkUndo(
      async () => answers[calls++] as (typeof answers)[number],
      () => undefined,
    )
    expect(calls).toBe(2)
    expect(outcome.restored).toBe(699)
    expect(outcome.skipped.map((problem) => problem.uid)).toEqual(['u1'])
  })
})
