import { render, screen, within } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiProvider, createAppQueryClient } from '../api'
import { installFakeApi } from '../test/fake-api'
import { definition } from '../test/field-fixtures'
import { FieldValue } from './field-value'

afterEach(() => {
  vi.unstubAllGlobals()
})

const OLGA = '00000000-0000-4000-8000-0000000000c1'

function renderWithApi(node: ReactNode) {
  installFakeApi({
    'GET /users': () => ({
      items: [
        {
          uid: OLGA,
          email: 'olga@acme.test',
          name: 'Olga',
          role: 'operator',
          active: true,
          skills: [],
          created_at: '2025-09-11T12:00:00.000Z',
        },
      ],
    }),
  })
  return render(<ApiProvider queryClient={createAppQueryClient()}>{node}</ApiProvider>)
}

describe('<FieldValue>', () => {
  it('links http(s) urls only', () => {
    const url = definition('site', 'url')
    renderWithApi(
      <>
        <FieldValue definition={url} value="https://example.test/a" />
        <FieldValue definition={url} value="javascript:alert(1)" />
      </>,
    )
    const link = screen.getByRole('link', { name: /example\.test/ })
    expect(link.getAttribute('href')).toBe('https://example.test/a')
    expect(link.getAttribute('rel')).toContain('noopener')
    expect(screen.getByText('javascript:alert(1)').closest('a')).toBeNull()
    // Stored as sent, and flagged: it is no web link.
    expect(
      screen.getByRole('img', { name: 'Does not match its definition: must be an http(s) URL' }),
    ).toBeTruthy()
  })

  it('shows multi-select values as chips by label, and users by name', async () => {
    const tags = definition('tags', 'multi_select', {
      label: 'Tags',
      options: [
        { value: 'vip', label: 'VIP' },
        { value: 'late', label: 'Late' },
      ],
    })
    renderWithApi(
      <>
        <FieldValue definition={tags} value={['vip', 'late']} />
        <FieldValue definition={definition('owner', 'user')} value={OLGA} />
      </>,
    )
    const chips = within(screen.getByRole('list', { name: 'Tags' })).getAllByRole('listitem')
    expect(chips.map((chip) => chip.textContent)).toEqual(['VIP', 'Late'])
    expect(await screen.findByText('Olga')).toBeTruthy()
  })

  it('flags a value that does not match its definition and shows it as stored', () => {
    renderWithApi(<FieldValue definition={definition('amount', 'money')} value="12 EUR" />)
    expect(screen.getByText('12 EUR')).toBeTruthy()
    const flag = screen.getByRole('img', {
      name: /Does not match its definition: must be a number/,
    })
    expect(flag.getAttribute('title')).toBe('Does not match its definition: must be a number')
  })

  it('shows keys without a definition raw, objects as JSON', () => {
    renderWithApi(<FieldValue definition={null} value={{ a: 1 }} />)
    expect(screen.getByText(/"a": 1/)).toBeTruthy()
    expect(screen.queryByRole('img')).toBeNull()
  })
})
