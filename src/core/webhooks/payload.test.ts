import { describe, expect, it } from 'vitest'
import type { Task } from '../../contract/tasks'
import { buildDeliveryRequest, type DeliveryEvent } from './payload'
import { verifyDelivery } from './signature'

const event: DeliveryEvent = {
  deliveryUid: '123e4567-e89b-12d3-a456-426614174000',
  type: 'task.completed',
  eventId: 42,
  eventType: 'completed',
  actorUid: null,
  data: { from: 'STARTED', to: 'DONE', event_type: 'forged' },
  occurredAt: new Date('2025-09-11T12:00:00.000Z'),
}
const task = { uid: '123e4567-e89b-12d3-a456-426614174001', status: 'DONE' } as Task
const now = new Date('2025-09-11T12:00:05.250Z')

describe('webhook payloads', () => {
  it('carry {type, data: {task, info}, sent_at}, the entry data in info', () => {
    const { body } = buildDeliveryRequest(event, task, 'whsec_x', now)
    expect(JSON.parse(body)).toEqual({
      type: 'task.completed',
      data: {
        task,
        info: {
          from: 'STARTED',
          to: 'DONE',
          event_id: 42,
          event_type: 'completed',
          actor_uid: null,
          occurred_at: '2025-09-11T12:00:00.000Z',
        },
      },
      sent_at: '2025-09-11T12:00:05.250Z',
    })
  })

  it('are sent with the documented headers, signed over the exact body', () => {
    const { body, headers } = buildDeliveryRequest(event, task, 'whsec_x', now)
    expect(headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'Tessera-Webhooks/1.0',
      'x-tessera-event': 'task.completed',
      'x-tessera-delivery': event.deliveryUid,
      'x-tessera-timestamp': '1757592005',
    })
    const verified = verifyDelivery({
      secret: 'whsec_x',
      body,
      timestamp: headers['x-tessera-timestamp'],
      signature: headers['x-tessera-signature'],
      now: 1_757_592_010,
    })
    expect(verified).toBe(true)
  })
})
