import { useUsers } from '../../../api'
import { EmptyState } from '../../../ui/empty-state'
import { ErrorNotice } from '../../../ui/error-notice'
import { QueryStatus } from '../../../ui/query-status'
import { TableHead } from '../../../ui/table-head'
import { CreateUserForm } from './create-user-form'
import { UserRow } from './user-row'
import { useSignOutUser, useUpdateUser } from './users-api'

/** Settings > Users: who works here, their role and skills. */
export function UsersSection() {
  const users = useUsers()
  const update = useUpdateUser()
  const signOut = useSignOutUser()
  const signedOut = users.data?.find((user) => user.uid === signOut.variables)
  return (
    <section className="st-section" aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <p className="st-lead">
        Skills decide which tasks the player hands each operator: a task goes only to someone with
        all its required skills.
      </p>
      <CreateUserForm />
      <QueryStatus query={users} loading="Loading users" failed="Could not load the users" />
      {update.error ? (
        <ErrorNotice error={update.error} action="Could not change the user" />
      ) : null}
      {signOut.error ? (
        <ErrorNotice error={signOut.error} action="Could not sign the user out" />
      ) : null}
      {signOut.data && signedOut ? (
        <p role="status" className="notice">
          {signedOut.name} was signed out of{' '}
          {signOut.data.ended === 1 ? '1 session' : `${signOut.data.ended} sessions`}.
        </p>
      ) : null}
      {users.data?.length === 0 ? <EmptyState title="No users yet" /> : null}
      {users.data && users.data.length > 0 ? (
        <div className="table-scroll">
          <table className="st-table">
            <TableHead caption="Users" columns={['User', 'Role', 'Skills', 'State']} actions />
            <tbody>
              {users.data.map((user) => {
                const pending = update.isPending && update.variables?.uid === user.uid
                return (
                  <UserRow
                    key={user.uid}
                    // Show the change at once; the refetch after it confirms it.
                    user={pending ? { ...user, ...update.variables?.body } : user}
                    busy={pending || (signOut.isPending && signOut.variables === user.uid)}
                    onChange={(change) => update.mutate(change)}
                    onSignOut={() => signOut.mutate(user.uid)}
                  />
                )
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  )
}
