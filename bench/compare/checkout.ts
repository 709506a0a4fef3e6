import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A revision checked out beside this one, removed by `dispose`. */
export interface Checkout {
  root: string
  commit: string
  dispose(): void
}

const git = (root: string, args: string[]) =>
  execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim()

/** Checks `revision` out in a temporary git worktree that shares `root`'s node_modules. */
export function checkOut(root: string, revision: string): Checkout {
  const commit = git(root, ['rev-parse', '--verify', `${revision}^{commit}`])
  const dir = join(mkdtempSync(join(tmpdir(), 'tessera-compare-')), 'checkout')
  git(root, ['worktree', 'add', '--detach', dir, commit])
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir')
  return {
    root: dir,
    commit: commit.slice(0, 7),
    dispose() {
      git(root, ['worktree', 'remove', '--force', dir])
      rmSync(join(dir, '..'), { recursive: true, force: true })
    },
  }
}
