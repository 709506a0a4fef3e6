import type { ApiToken } from '../../../api'
import { ROLE_LABELS } from '../../../auth/roles'
import { EmptyState } from '../../../ui/empty-state'
import { ErrorNotice } from '../../../ui/error-notice'
import { formatDateTime } from '../../../ui/format'
import { TableHead } from '../../../ui/table-head'
import { confirmAction } from '../shared/confirm'
import { TOKEN_STATE_LABELS, tokenState } from './token-state'
import { useRevokeToken } from './tokens-api'

/** Every token with what identifies it (never the secret), and Revoke on the active ones. */
export function TokensTable({ tokens }: { tokens: readonly ApiToken[] }) {
  const revoke = useRevokeToken()
  const now = new Date()
  if (tokens.length === 0) {
    return <EmptyState title="No tokens yet">Create one to call the API from a script.</EmptyState>
  }
  const onRevoke = (token: ApiToken) => {
    if (confirmAction(`Revoke the token "${token.name}"? Scripts using it stop working at once.`)) {
      revoke.mutate(token.uid)
    }
  }
  return (
    <>
      {revoke.error ? (
        <ErrorNotice error={revoke.error} action="Could not revoke the token" />
      ) : null}
      <div className="table-scroll">
        <table className="st-table">
          <TableHead
            caption="API tokens"
            columns={['Name', 'Role', 'Ends with', 'Created', 'Last used', 'State']}
            actions
          />
          <tbody>
            {tokens.map((token) => {
              const state = tokenState(token, now)
              return (
                <tr key={token.uid}>
                  <th scope="row">{token.name}</th>
                  <td>{ROLE_LABELS[token.role]}</td>
                  <td>
                    <code>…{token.last4}</code>
                  </td>
                  <td>{formatDateTime(token.created_at)}</td>
                  <td>{token.last_used_at ? formatDateTime(token.last_used_at) : 'Never'}</td>
                  <td>{TOKEN_STATE_LABELS[state]}</td>
                  <td>
                    {state === 'active' ? (
                      <button
                        type="button"
                        className="button-danger"
                        disabled={revoke.isPending && revoke.variables === token.uid}
                        onClick={() => onRevoke(token)}
                      >
                        Revoke
                      </button>
                    ) : null}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </>
  )
}
