import { isUuid } from '../core/conditions/json-values'
import type { Queryable } from './database'
import { TASK_COLUMNS, type TaskRecord } from './tasks'

/**
 * How many matching tasks a search ranks. A word that most tasks contain would otherwise
 * make every search rank the whole organization; past this many, the best of the first
 * CANDIDATES found (newest first) are returned.
 */
const CANDIDATES = 1000

/**
 * The tasks whose fields hold every word of `text` (as prefixes, accents and case ignored,
 * migration 0011), best first: the task `text` names by uid, then tasks with a field equal
 * to the whole text, then by full-text rank (title words weigh most), then newest.
 */
export async function searchTasks(
  q: Queryable,
  orgUid: string,
  search: { text: string; limit: number; archived: 'true' | 'false' | 'all' },
): Promise<TaskRecord[]> {
  const text = search.text.trim()
  const params: unknown[] = [orgUid, text, search.limit, CANDIDATES]
  const archived = search.archived === 'all' ? '' : `AND t.archived = ${search.archived === 'true'}`
  const byUid = isUuid(text) ? `OR t.uid = $${params.push(text)}::uuid` : ''
  const result = await q.query<TaskRecord>(
    `WITH query AS (SELECT tessera_search_query($2) AS words),
     candidates AS (
       SELECT t.* FROM tasks t, query
       WHERE t.org_uid = $1 ${archived}
         AND (t.search @@ query.words ${byUid})
       ORDER BY t.created_at DESC
       LIMIT $4
     )
     SELECT ${TASK_COLUMNS} FROM candidates t, query
     ORDER BY t.uid::text = lower($2) DESC,
       -- Looking through every field of every candidate is the costly part: only where the
       -- text appears in the document at all.
       CASE WHEN strpos(lower(t.fields::text), lower($2)) = 0 THEN false
         ELSE EXISTS (SELECT 1 FROM jsonb_each_text(t.fields) e WHERE lower(e.value) = lower($2))
       END DESC,
       ts_rank(t.search, query.words) DESC,
       t.created_at DESC, t.uid DESC
     LIMIT $3`,
    params,
  )
  return result.rows
}
