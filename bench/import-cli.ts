import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { makeTask } from './task-data'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

/** A CSV export of `rows` claims, as a spreadsheet would hold them. */
export function writeCsv(path: string, rows: number): void {
  const lines = ['claim_id,title,due_date,status,country,amount,vip,notes']
  for (let n = 0; n < rows; n += 1) {
    const task = makeTask(n)
    const { claim_id, title, country, amount } = task.fields
    lines.push(
      `${claim_id},"${title}",${task.due_at},${task.status},${country},${amount},${n % 7 === 0},"note ${n}, imported"`,
    )
  }
  writeFileSync(path, `${lines.join('\n')}\n`)
}

/** Runs `tessera import …`, timing it from spawn to exit, and returns its output. */
export async function timeImport(
  args: string[],
): Promise<{ seconds: number; stdout: string; stderr: string }> {
  const started = performance.now()
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'tessera.js'), 'import', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
    process.stderr.write(chunk)
  })
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve))
  if (code !== 0) {
    throw new Error(`tessera import ${args[0]} exited with ${code}:\n${stdout}\n${stderr}`)
  }
  return { seconds: (performance.now() - started) / 1000, stdout, stderr }
}
