import { describe, expect, inject, it } from 'vitest'
import { readTaskVersion, type TaskRecord, updateTaskIfUnchanged } from '../../src/store/tasks'
import { queryDatabase } from '../support/pg-query'
import { databaseBeside } from '../support/server-database'
import { claimTenant } from '../support/tenants'

// Player moves (complete, pause, skip) write without a lock, only if the task's row is still
// the version they read. The race is too narrow to hit through HTTP on purpose, so this
// reads a version, lets the API change the task, and then writes with the stale version.
// PostgreSQL only: the test opens the server's database beside it.
describe.each(inject('engines').filter((e) => e.databaseUrl))(
  'compare-and-set player moves on $name',
  (engine) => {
    const databaseUrl = engine.databaseUrl as string
    const beside = databaseBeside(databaseUrl)

    it('writes nothing over a change made since the read, and the move then succeeds', async () => {
      const tenant = claimTenant(engine)
      expect((await tenant.as.admin.post('queues', { name: 'All' })).status).toBe(200)
      const created = await tenant.api.post('tasks', { fields: { title: 'raced' } })
      const op = tenant.as.operator
      expect((await op.post('player/start', {})).status).toBe(200)
      const started = await op.post('player/next', {})
      expect(started.body.task.uid).toBe(created.body.uid)
      const me = (await op.get('accounts/me')).body
      const orgUid = me.organization.uid as string
      const uid = created.body.uid as string

      const read = await readTaskVersion(beside.db.pool, orgUid, { uid })
      expect(read?.task.status).toBe('STARTED')
      const patched = await tenant.api.patch(`tasks/${uid}`, { fields: { note: 'meanwhile' } })
      expect(patched.status).toBe(200)
      const events = async () =>
        (
          await queryDatabase<{ n: number }>(
            databaseUrl,
            'SELECT count(*)::int AS n FROM task_events WHERE task_uid = $1',
            [uid],
          )
        )[0]?.n
      const eventsBefore = await events()

      const stale = await updateTaskIfUnchanged(beside.db.pool, {
        orgUid,
        before: read?.task ?? created.body,
        after: { ...(read?.task ?? created.body), status: 'DONE', done_at: new Date() },
        version: read?.version ?? '',
        events: [{ task_uid: uid, type: 'completed', data: {} }],
        actorUid: me.user.uid,
        countCompletedFor: me.user.uid,
        fieldsVersion: null,
        asCurrent: false,
      })
      expect(stale).toBeNull()
      const after = (await tenant.api.get(`tasks/${uid}`)).body
      expect(after).toMatchObject({
        status: 'STARTED',
        fields: { title: 'raced', note: 'meanwhile' },
      })
      expect(await events()).toBe(eventsBefore)
      expect((await op.get('player')).body.session.completed).toBe(0)

      const completed = await op.post('player/complete', { task_uid: uid })
      expect(completed.body).toMatchObject({
        status: 'DONE',
        fields: { title: 'raced', note: 'meanwhile' },
      })
      expect((await op.get('player')).body.session.completed).toBe(1)
    })

    it('writes nothing to a task taken as current once a later one of the operator started', async () => {
      const tenant = claimTenant(engine)
      await tenant.as.admin.patch('settings', { allow_parallel_tasks: true })
      expect((await tenant.as.admin.post('queues', { name: 'All' })).status).toBe(200)
      for (const title of ['older', 'newer']) {
        await tenant.api.post('tasks', { fields: { title } })
      }
      const op = tenant.as.operator
      const me = (await op.get('accounts/me')).body
      const orgUid = me.organization.uid as string
      const older = (await op.post('player/next')).body.task.uid as string
      const read = await readTaskVersion(beside.db.pool, orgUid, { startedBy: me.user.uid })
      expect(read?.task.uid).toBe(older)
      const newer = (await op.post('player/next')).body.task.uid as string
      expect(newer).not.toBe(older)
      // The older task is unchanged, but no longer the operator's current one.
      const move = (asCurrent: boolean) =>
        updateTaskIfUnchanged(beside.db.pool, {
          orgUid,
          before: read?.task as TaskRecord,
          after: { ...(read?.task as TaskRecord), status: 'TODO' },
          version: read?.version ?? '',
          events: [],
          actorUid: me.user.uid,
          countCompletedFor: null,
          fieldsVersion: null,
          asCurrent,
        })
      expect(await move(true)).toBeNull()
      expect((await tenant.api.get(`tasks/${older}`)).body.status).toBe('STARTED')
      expect(await move(false)).toMatchObject({ uid: older, status: 'TODO' })
      expect((await op.post('player/complete', {})).body).toMatchObject({ uid: newer })
    })
  },
)
