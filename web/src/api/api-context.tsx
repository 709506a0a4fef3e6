import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { createContext, type ReactNode, useContext, useState } from 'react'
import { TesseraApiError, type TesseraClient } from '../../../sdk/src/index'
import { createBrowserClient } from './client'

const ApiContext = createContext<TesseraClient | null>(null)

/** The app's react-query defaults: live updates keep data fresh, so refetch little. */
export function createAppQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // An answer of the API will not change by asking again; a network blip might.
        retry: (failures, error) => failures < 2 && !(error instanceof TesseraApiError),
        refetchOnWindowFocus: true,
      },
    },
  })
}

/** Props of {@link ApiProvider}; tests pass their own client and query client. */
export interface ApiProviderProps {
  children: ReactNode
  client?: TesseraClient
  queryClient?: QueryClient
}

/** Provides the API client ({@link useApi}) and react-query to everything below it. */
export function ApiProvider({ children, client, queryClient }: ApiProviderProps) {
  const [api] = useState(() => client ?? createBrowserClient())
  const [queries] = useState(() => queryClient ?? createAppQueryClient())
  return (
    <ApiContext.Provider value={api}>
      <QueryClientProvider client={queries}>{children}</QueryClientProvider>
    </ApiContext.Provider>
  )
}

/**
 * The typed API client (the SDK's `TesseraClient`), authenticated by the session cookie
 * with the CSRF header added: `unwrap(api.GET('/tokens'))`.
 */
export function useApi(): TesseraClient {
  const api = useContext(ApiContext)
  if (!api) {
    throw new Error('useApi() needs an <ApiProvider> above it')
  }
  return api
}
