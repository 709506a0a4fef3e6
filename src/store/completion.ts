import type { FormSection } from '../contract/forms'
import type { DefinedField } from '../core/fields/task-values'
import type { Queryable } from './database'
import { TASK_COLUMNS, type VersionedTask } from './tasks'

/** A task read for completion, with what its completion is checked against. */
export interface TaskForCompletion extends VersionedTask {
  /** The form of the task's queue, if it has one. */
  form: { uid: string; sections: FormSection[] } | null
  /** Every field definition of the organization. */
  definitions: DefinedField[]
  /** The version of the definitions and forms read (organizations.fields_version). */
  fieldsVersion: string
}

type Row = VersionedTask['task'] & {
  row_version: string
  completion_form: TaskForCompletion['form']
  completion_definitions: DefinedField[]
  fields_version: string
}

/**
 * What readTaskVersion reads, plus the form of the task's queue and the organization's
 * field definitions, in the same statement: completing through the player costs no more
 * round trips with forms than without.
 */
export async function readTaskForCompletion(
  q: Queryable,
  orgUid: string,
  target: { uid: string } | { startedBy: string },
): Promise<TaskForCompletion | null> {
  const [where, name] =
    'uid' in target
      ? ['t.uid = $2', 'tessera.readTaskForCompletion']
      : [
          `t.assignee_uid = $2 AND t.status = 'STARTED' AND NOT t.archived
           ORDER BY t.played_at DESC NULLS LAST, t.uid LIMIT 1`,
          'tessera.readStartedTaskForCompletion',
        ]
  const result = await q.query<Row>({
    name,
    text: `SELECT ${TASK_COLUMNS}, t.xmin::text AS row_version,
       (SELECT json_build_object('uid', f.uid, 'sections', f.sections)
        FROM queues qu JOIN forms f ON f.org_uid = qu.org_uid AND f.uid = qu.form_uid
        WHERE qu.org_uid = t.org_uid AND qu.uid = t.queue_uid) AS completion_form,
       (SELECT coalesce(json_agg(json_build_object('key', d.key, 'label', d.label,
          'type', d.type, 'options', d.options,
          'required_for_completion', d.required_for_completion) ORDER BY d.position, d.key), '[]')
        FROM field_definitions d WHERE d.org_uid = t.org_uid) AS completion_definitions,
       (SELECT o.fields_version::text FROM organizations o WHERE o.uid = t.org_uid) AS fields_version
     FROM tasks t
     WHERE t.org_uid = $1 AND ${where}`,
    values: [orgUid, 'uid' in target ? target.uid : target.startedBy],
  })
  const row = result.rows[0]
  if (!row) {
    return null
  }
  const { row_version, completion_form, completion_definitions, fields_version, ...task } = row
  return {
    task,
    version: row_version,
    form: completion_form,
    definitions: completion_definitions,
    fieldsVersion: fields_version,
  }
}
