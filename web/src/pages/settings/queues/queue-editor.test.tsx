import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { installFakeApi } from '../../../test/fake-api'
import { form } from '../../../test/field-fixtures'
import { session, task } from '../../../test/fixtures'
import { renderApp } from '../../../test/render-app'

afterEach(() => {
  vi.unstubAllGlobals()
})

const FORM_UID = '00000000-0000-4000-9000-0000000000f1'

interface QueryBody {
  condition: { conditions: { value?: unknown }[] }
  groups?: string[]
}

function invalid(path: string, message: string): Response {
  return Response.json(
    {
      error: {
        code: 'validation_failed',
        message: 'The condition is invalid.',
        request_id: 'r',
        fields: [{ path, message }],
      },
    },
    { status: 422 },
  )
}

function queuesApi() {
  return installFakeApi({
    'GET /auth/session': () => session('admin'),
    'GET /queues': () => ({ items: [] }),
    'GET /forms': () => ({ items: [form('Refund check', ['amount'], { uid: FORM_UID })] }),
    'POST /tasks/query': async (request) => {
      const body = (await request.json()) as QueryBody
      if (body.condition.conditions[0]?.value === 'NOPE') {
        return invalid('/body/condition/conditions/0/value', 'must be one of TODO, STARTED, DONE')
      }
      if (body.groups) {
        return {
          items: [
            { status: 'TODO', count: 3 },
            { status: 'DONE', count: 1 },
          ],
        }
      }
      return { items: [task('t1', { title: 'Refund Paris' })] }
    },
    'POST /queues': async (request) => ({ uid: 'q1', position: 0, ...(await request.json()) }),
  })
}

describe('Settings > Queues > New queue', { timeout: 30_000 }, () => {
  it('previews the matching tasks, shows the API errors on the node, and saves with its form', async () => {
    const user = userEvent.setup()
    const api = queuesApi()
    renderApp('/settings/queues/new')

    await user.type(await screen.findByLabelText('Name', {}, { timeout: 10_000 }), 'Paris')
    await user.click(screen.getByRole('button', { name: 'Add condition' }))
    const leaf = screen.getByRole('group', { name: 'Condition 1' })
    await user.type(within(leaf).getByLabelText('Field'), 'status')
    await user.type(within(leaf).getByLabelText('Value'), 'NOPE')

    const value = within(leaf).getByLabelText('Value')
    await waitFor(() => expect(value.getAttribute('aria-invalid')).toBe('true'), {
      timeout: 10_000,
    })
    expect(within(leaf).getByText('Value: must be one of TODO, STARTED, DONE')).toBeTruthy()
    expect(screen.getByText(/Fix the condition above/)).toBeTruthy()

    await user.clear(value)
    await user.type(value, 'TODO')
    expect(
      await screen.findByText('4 tasks match (3 to do, 1 done)', {}, { timeout: 10_000 }),
    ).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Refund Paris' })).toBeTruthy()
    expect(value.getAttribute('aria-invalid')).toBeNull()

    await user.selectOptions(screen.getByLabelText('Form'), 'Refund check')
    await user.click(screen.getByRole('button', { name: 'Create queue' }))
    await screen.findByRole('heading', { name: 'Queues' }, { timeout: 10_000 })
    const post = api.requests.find((request) => request.url.endsWith('/api/v1/queues'))
    expect(await post?.clone().json()).toEqual({
      name: 'Paris',
      description: '',
      skills: [],
      sla_policy: null,
      priority: null,
      condition: {
        combinator: 'and',
        conditions: [{ field: 'status', operator: '==', value: 'TODO' }],
      },
      form_uid: FORM_UID,
    })
  })
})
