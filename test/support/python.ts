import { spawn } from 'node:child_process'

/** What a finished Python script left behind. */
export interface PythonRun {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs a Python 3 script file with arguments and extra environment variables. */
export function runPython(
  file: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<PythonRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [file, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
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
  })
}
