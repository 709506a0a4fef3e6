import { queryDatabase } from './pg-query'

/** A task of the organization as dispatch left it, with its history counts. */
export interface DispatchedTask {
  uid: string
  status: string
  assignee_uid: string
  assigned: number
  completed: number
}

/**
 * The organization's tasks that dispatch did not leave as it should have, and how many it
 * has: each task must be DONE, with the operator it was handed to (`handedOut[i]` went to
 * `operators[i]`), and its history must say `assigned` once and `completed` once.
 */
export async function misdispatchedTasks(
  databaseUrl: string,
  orgName: string,
  handedOut: string[][],
  operators: { userUid: string }[],
): Promise<{ total: number; wrong: DispatchedTask[] }> {
  const holder = new Map<string, string>()
  handedOut.forEach((uids, i) => {
    for (const uid of uids) {
      holder.set(uid, operators[i]?.userUid as string)
    }
  })
  const rows = await queryDatabase<DispatchedTask & Record<string, unknown>>(
    databaseUrl,
    `SELECT t.uid, t.status, t.assignee_uid,
       count(e.id) FILTER (WHERE e.type = 'assigned')::int AS assigned,
       count(e.id) FILTER (WHERE e.type = 'completed')::int AS completed
     FROM tasks t
     JOIN organizations o ON o.uid = t.org_uid
     LEFT JOIN task_events e ON e.org_uid = t.org_uid AND e.task_uid = t.uid
     WHERE o.name = $1
     GROUP BY t.uid, t.status, t.assignee_uid`,
    [orgName],
  )
  const wrong = rows.filter(
    (row) =>
      row.status !== 'DONE' ||
      row.assigned !== 1 ||
      row.completed !== 1 ||
      row.assignee_uid !== holder.get(row.uid),
  )
  return { total: rows.length, wrong }
}
