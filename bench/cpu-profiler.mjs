import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector'
import { join } from 'node:path'

// Preloaded into the server (NODE_OPTIONS=--import) by `npm run bench -- --cpu-prof DIR`:
// Node 20 refuses --cpu-prof in NODE_OPTIONS, and startServer owns the command line. The
// profile is written when the server exits, as --cpu-prof would. Plain JavaScript: loading it
// through tsx put tsx's loader thread under the sampling profiler, and the server then took
// from 15 s to forever to start.

const dir = process.env.TESSERA_BENCH_CPU_PROF_DIR
if (dir) {
  const session = new Session()
  session.connect()
  session.post('Profiler.enable')
  session.post('Profiler.setSamplingInterval', { interval: 200 })
  session.post('Profiler.start')
  // A same-thread session answers synchronously, so this completes inside 'exit'.
  process.on('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) {
        const file = join(dir, `server-${process.pid}-${Date.now()}.cpuprofile`)
        writeFileSync(file, JSON.stringify(result.profile))
      }
    })
  })
}
