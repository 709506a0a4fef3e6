import { render } from '@testing-library/react'
import { MemoryRouter } from 'react-router-dom'
import { ApiProvider, createAppQueryClient } from '../api'
import { AppRoutes } from '../app'
import { AuthProvider } from '../auth/auth-context'

/** Renders the whole app at `path`, on whatever API `installFakeApi` set up. */
export function renderApp(path: string) {
  const queryClient = createAppQueryClient()
  queryClient.setDefaultOptions({ queries: { retry: false, staleTime: 0 } })
  return render(
    <ApiProvider queryClient={queryClient}>
      <AuthProvider>
        <MemoryRouter initialEntries={[path]}>
          <AppRoutes />
        </MemoryRouter>
      </AuthProvider>
    </ApiProvider>,
  )
}
