import { describe, expect, it } from 'vitest'
import { definition } from '../test/field-fixtures'
import { matchingField } from './field-match'

const claim = definition('claim_id', 'text', { label: 'Claim ID' })
const decision = definition('decision', 'single_select', {
  label: 'Decision',
  options: [{ value: 'ko', label: 'Refusé' }],
})

describe('matchingField', () => {
  it('names the field that matched by its label', () => {
    const fields = { title: 'Refund', claim_id: 'CLM-4242', country: 'FR' }
    expect(matchingField(fields, 'clm-42', [claim])).toEqual({
      key: 'claim_id',
      label: 'Claim ID',
      text: 'CLM-4242',
    })
    expect(matchingField(fields, 'fr', [claim])).toEqual({
      key: 'country',
      label: 'country',
      text: 'FR',
    })
  })

  it('matches a select by its label or its value, accents and case aside', () => {
    expect(matchingField({ title: 'T', decision: 'ko' }, 'REFUSE', [decision])?.text).toBe('Refusé')
    expect(matchingField({ title: 'T', decision: 'ko' }, 'ko', [decision])?.label).toBe('Decision')
  })

  it('says nothing when the title matches', () => {
    expect(
      matchingField({ title: 'Refund CLM-4242', claim_id: 'CLM-4242' }, 'clm', [claim]),
    ).toBeNull()
  })
})
