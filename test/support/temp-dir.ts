import { chmodSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A new folder in the temporary directory that other users may pass through (not list):
 * run as root, Tessera's embedded PostgreSQL runs as an unprivileged user, who must reach the
 * data directories the tests make inside it. mkdtemp alone makes it closed (0700).
 */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  chmodSync(dir, 0o711)
  return dir
}
