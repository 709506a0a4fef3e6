import { readFileSync } from 'node:fs'

/** Resident memory of a process now (`VmRSS`) and at its peak (`VmHWM`), in bytes (Linux). */
export function residentMemory(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status)
    if (!match?.[1]) {
      throw new Error(`no ${name} in /proc/${pid}/status`)
    }
    return Number(match[1]) * 1024
  }
  return { now: kib('VmRSS'), peak: kib('VmHWM') }
}
