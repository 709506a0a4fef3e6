/**
 * The pages of a keyset-paginated read: `read(null)` reads the first page, `read(last)` the
 * page after the row `last`, each at most `size` rows (a read may return more: the extra
 * rows wait for the next page). The first page is read before this returns: a read the
 * database refuses (a NUL in a filter, say) fails the caller's request while it can still
 * answer 422, rather than cutting off a stream it has started. The pages stop after one
 * shorter than `size`.
 */
export async function keysetPages<T>(
  size: number,
  read: (last: T | null) => Promise<T[]>,
): Promise<AsyncGenerator<T[]>> {
  const first = await read(null)
  async function* pages(): AsyncGenerator<T[]> {
    let rows = first
    for (;;) {
      const page = rows.slice(0, size)
      if (page.length > 0) {
        yield page
      }
      const last = page.at(-1)
      if (!last || rows.length < size) {
        return
      }
      rows = await read(last)
    }
  }
  return pages()
}
