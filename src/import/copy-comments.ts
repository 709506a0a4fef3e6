import { type ApiClient, ApiError, ApiUnreachable } from './api-client'

/** A comment as the comments API returns it. */
interface SourceComment {
  text: string
  created_at?: string
  author?: { name?: string; email?: string }
}

const MAX_COMMENT = 20_000

/**
 * The text a copied comment gets: the original, then who wrote it and when, since the
 * destination records its own author (the importing token's user) and time.
 */
export function copiedCommentText(comment: SourceComment): string {
  const who = [comment.author?.name, comment.author?.email && `<${comment.author.email}>`]
    .filter(Boolean)
    .join(' ')
  const signature = `\n\n— ${who || 'unknown author'}, ${comment.created_at ?? 'unknown time'} (imported)`
  return comment.text.length + signature.length <= MAX_COMMENT
    ? comment.text + signature
    : comment.text
}

/**
 * Copies a task's comments that the destination task lacks, oldest first. Comments have no
 * uid a client may choose, so a copy is recognised by its text: running the import again
 * adds nothing twice. A comment whose request failed midway is looked for before it is
 * sent again, for the same reason. Returns how many were added.
 */
export async function copyComments(
  source: ApiClient,
  destination: ApiClient,
  uid: string,
): Promise<number> {
  const path = `tasks/${uid}/comments`
  const { items } = await source.request<{ items: SourceComment[] }>('GET', path)
  if (items.length === 0) {
    return 0
  }
  const present = async () => {
    const answer = await destination.request<{ items: { text: string }[] }>('GET', path)
    return countTexts(answer.items.map((comment) => comment.text))
  }
  let have = await present()
  const seen = new Map<string, number>()
  let added = 0
  for (const comment of items) {
    const text = copiedCommentText(comment)
    // This is the n-th source comment with this text: the destination needs n copies.
    const needed = (seen.get(text) ?? 0) + 1
    seen.set(text, needed)
    if ((have.get(text) ?? 0) >= needed) {
      continue
    }
    for (let attempt = 1; ; attempt += 1) {
      try {
        await destination.request('POST', path, { body: { text }, retry: false })
        have.set(text, (have.get(text) ?? 0) + 1)
        added += 1
        break
      } catch (error) {
        const transient =
          error instanceof ApiUnreachable || (error instanceof ApiError && error.status >= 500)
        if (!transient || attempt >= 5) {
          throw error
        }
        // It may have been written before the answer was lost: look before sending again.
        have = await present()
        if ((have.get(text) ?? 0) >= needed) {
          added += 1
          break
        }
      }
    }
  }
  return added
}

function countTexts(texts: string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const text of texts) {
    counts.set(text, (counts.get(text) ?? 0) + 1)
  }
  return counts
}
