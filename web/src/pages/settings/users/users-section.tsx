import { useUsers } from '../../../api'
import { EmptyState } from '../../../ui/empty-state'
import { ErrorNotice } from '../../../ui/error-notice'
import { QueryStatus } from '../../../ui/query-status'
import { TableHead } from '../../../ui/table-head'
import { CreateUserForm } from './create-user-form'
import { UserRow } from './user-row'
import { useUpdateUser } from './users-api'

/** Settings > Users: who works here, their role and skills. */
export function UsersSection() {
  const users = useUsers()
  const update = useUpdateUser()
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
                    busy={pending}
                    onChange={(change) => update.mutate(change)}
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
