// The peer of `npm run bench:peers`: what a team would stand up in an afternoon instead of
// Tessera, Platformatic's REST API generated from the database's tables, on Fastify, with no
// auth. Prints {"port": N} once it listens on the loopback.
import sqlMapper from '@platformatic/sql-mapper'
import sqlOpenapi from '@platformatic/sql-openapi'
import fastify from 'fastify'

const connectionString = process.argv[2]
if (!connectionString) {
  process.stderr.write('usage: node peer-server.js POSTGRES_URL\n')
  process.exit(2)
}
const app = fastify()
await app.register(sqlMapper, { connectionString })
await app.register(sqlOpenapi)
await app.listen({ host: '127.0.0.1', port: 0 })
process.stdout.write(`${JSON.stringify({ port: app.server.address().port })}\n`)
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => app.close().then(() => process.exit(0)))
}
