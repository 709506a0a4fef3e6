import { spawn } from 'node:child_process'

/** What a finished Python script left behind. */
export interface PythonRun {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs a Python 3 script given as text (on stdin), with extra environment variables. */
export function runPython(script: string, env: Record<string, string> = {}): Promise<PythonRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-'], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(script)
  })
}
