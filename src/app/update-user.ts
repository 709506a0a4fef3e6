import { AppError } from '../contract/errors'
import type { UpdateUserBody } from '../contract/users'
import { hasRole } from '../core/auth/roles'
import { withTransaction } from '../store/database'
import { deleteUserSessions } from '../store/sessions'
import { findUser, type UserRecord, updateUser as writeUser } from '../store/users'
import type { Actor } from './actor'
import { recordAudit } from './record-audit'
import { hashNewPassword, replacePassword } from './user-passwords'

const NOT_FOUND = 'No user with this uid in your organization.'

/**
 * Changes a user's name, role, skills, activity or password (`PATCH /users/:uid`), in one
 * transaction. No one may change a user above their own role, nor raise one above it. A new
 * password or a deactivation signs the user out everywhere.
 */
export async function updateUser(
  actor: Actor,
  uid: string,
  input: UpdateUserBody,
): Promise<UserRecord> {
  const { password, ...fields } = input
  const passwordHash = password ? await hashNewPassword(password, '/body/password') : null
  return withTransaction(actor.db, async (client) => {
    const current = await findUser(client, actor.orgUid, uid)
    if (!current) {
      throw new AppError('not_found', NOT_FOUND)
    }
    if (!hasRole(actor.role, current.role) || (fields.role && !hasRole(actor.role, fields.role))) {
      throw new AppError('forbidden', 'You cannot change a user above your own role.')
    }
    const user = await writeUser(client, actor.orgUid, uid, fields)
    if (!user) {
      throw new AppError('not_found', NOT_FOUND)
    }
    if (passwordHash) {
      await replacePassword(client, actor.orgUid, user.uid, passwordHash)
    } else if (fields.active === false) {
      await deleteUserSessions(client, actor.orgUid, user.uid)
    }
    const object = { kind: 'user', uid: user.uid }
    await recordAudit(client, actor, {
      action: 'user.updated',
      object,
      before: current,
      after: user,
    })
    if (passwordHash) {
      // The password itself never reaches the log: `true` says a new one was set.
      await recordAudit(client, actor, {
        action: 'user.password_reset',
        object,
        after: { email: user.email, password: true },
      })
    }
    return user
  })
}
