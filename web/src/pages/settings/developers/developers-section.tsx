import { useState } from 'react'
import type { CreatedToken } from '../../../api'
import { QueryStatus } from '../../../ui/query-status'
import { SecretNotice } from '../shared/secret-notice'
import { CreateTokenForm } from './create-token-form'
import { useTokens } from './tokens-api'
import { TokensTable } from './tokens-table'

/** Settings > Developers: API tokens for scripts and integrations. */
export function DevelopersSection() {
  const tokens = useTokens()
  const [created, setCreated] = useState<CreatedToken | null>(null)
  return (
    <section className="st-section" aria-labelledby="developers-title">
      <h2 id="developers-title">API tokens</h2>
      <p className="st-lead">
        Scripts call the API at <code>/api/v1</code> with a token sent as{' '}
        <code>Authorization: Bearer …</code>.
      </p>
      <CreateTokenForm onCreated={setCreated} />
      {created ? (
        <SecretNotice
          title={`Token "${created.name}" created.`}
          secret={created.token}
          testId="new-token"
          onDismiss={() => setCreated(null)}
        />
      ) : null}
      <QueryStatus query={tokens} loading="Loading tokens" failed="Could not load the tokens" />
      {tokens.data ? <TokensTable tokens={tokens.data} /> : null}
    </section>
  )
}
