import Fastify from 'fastify'

// The HTTP floor: a Fastify server with nothing but routes that answer a fixed task. Run
// as its own process, like the real server, so both share the CPUs with the load generator
// in the same way. Prints its URL as the first line on stdout.

const TASK = {
  uid: '6f1c2a9e-3b7d-4e2f-9a51-0c8d7e6b5a43',
  status: 'TODO',
  archived: false,
  due_at: '2026-01-01T00:00:00.000Z',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  started_at: null,
  done_at: null,
  snooze_expires_at: null,
  fields: {
    title: 'Review claim CLM-00100000',
    url: 'https://backoffice.example.com/claims/CLM-00100000',
    country: 'FR',
    claim_id: 'CLM-00100000',
    amount: 1234.56,
  },
  queue_uid: null,
  assignee_uid: null,
  skills: [],
  parent_uid: null,
}

const app = Fastify({ logger: false })
app.post('/api/v1/tasks', async () => TASK)
app.get('/api/v1/tasks/:uid', async () => TASK)
const url = await app.listen({ port: 0, host: '127.0.0.1' })
process.stdout.write(`${url}\n`)
process.on('SIGTERM', () => {
  app.close().then(() => process.exit(0))
})
