import { createReadStream, createWriteStream, renameSync, rmSync, statSync } from 'node:fs'
import { pipeline as pipe, Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { StringDecoder } from 'node:string_decoder'
import { createGunzip, createGzip } from 'node:zlib'
import { BackupFileError } from './backup-format'

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code
}

/** Says what went wrong reading a backup, in terms of the file rather than of zlib. */
function describeReadError(file: string, error: unknown): Error {
  switch (errorCode(error)) {
    case 'ENOENT':
      return new BackupFileError(file, 'no such file.')
    case 'EISDIR':
      return new BackupFileError(file, 'this is a directory, not a backup file.')
    case 'Z_BUF_ERROR':
      return new BackupFileError(file, 'the backup is truncated (it ends in mid-stream).')
    case 'Z_DATA_ERROR':
      return new BackupFileError(
        file,
        'the backup is damaged or is not a Tessera backup (it does not decompress).',
      )
    default:
      return error instanceof Error ? error : new Error(String(error))
  }
}

/**
 * Yields the lines of a gzip'd text file, without their newline, holding one chunk in
 * memory at a time. Damage the gzip layer detects (a truncated file, a corrupt block, a
 * CRC mismatch) is thrown as a {@link BackupFileError}.
 */
export async function* readGzipLines(file: string): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8')
  let pending = ''
  // Unlike .pipe(), pipeline hands a read error (a missing file) on to the gunzip stream,
  // where the loop below sees it.
  const input = pipe(createReadStream(file), createGunzip(), () => {})
  try {
    for await (const chunk of input) {
      pending += decoder.write(chunk as Buffer)
      let newline = pending.indexOf('\n')
      let start = 0
      while (newline !== -1) {
        yield pending.slice(start, newline)
        start = newline + 1
        newline = pending.indexOf('\n', start)
      }
      pending = pending.slice(start)
    }
  } catch (error) {
    throw describeReadError(file, error)
  } finally {
    input.destroy()
  }
  pending += decoder.end()
  if (pending !== '') {
    yield pending
  }
}

/**
 * Writes lines (each ending with `\n`) gzip'd to `file`, through a temporary file renamed
 * into place at the end: an interrupted backup never leaves a file that looks complete,
 * nor replaces a good one.
 *
 * @returns the compressed size in bytes
 */
export async function writeGzipLines(file: string, lines: AsyncIterable<string>): Promise<number> {
  const partial = `${file}.partial`
  try {
    await pipeline(Readable.from(lines), createGzip(), createWriteStream(partial))
    renameSync(partial, file)
  } catch (error) {
    rmSync(partial, { force: true })
    throw error
  }
  return statSync(file).size
}
