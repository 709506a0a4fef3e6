import { lazy, Suspense } from 'react'
import { BrowserRouter, Route, Routes } from 'react-router-dom'
import { ApiProvider } from './api'
import { AuthProvider } from './auth/auth-context'
import { RequireAuth } from './auth/require-auth'
import { AppLayout } from './layout/app-layout'
import { NotFoundPage } from './layout/not-found-page'
import { BacklogPage } from './pages/backlog/backlog-page'
import { LoginPage } from './pages/login/login-page'
import { NewTaskPage } from './pages/new-task/new-task-page'
import { PlayerPage } from './pages/player/player-page'
import { TaskPage } from './pages/task/task-page'
import { Loading } from './ui/loading'

// Charts and settings forms are heavy and visited less: they load when first opened.
const DashboardPage = lazy(() =>
  import('./pages/dashboard/dashboard-page').then((module) => ({ default: module.DashboardPage })),
)
const ImportPage = lazy(() =>
  import('./pages/import/import-page').then((module) => ({ default: module.ImportPage })),
)
const ReportsPage = lazy(() =>
  import('./pages/reports/reports-page').then((module) => ({ default: module.ReportsPage })),
)
const SessionsPage = lazy(() =>
  import('./pages/sessions/sessions-page').then((module) => ({ default: module.SessionsPage })),
)
const SettingsPage = lazy(() =>
  import('./pages/settings/settings-page').then((module) => ({ default: module.SettingsPage })),
)

/** The routes of the app; everything but sign-in needs a session. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<BacklogPage />} />
        <Route path="queues/:uid" element={<BacklogPage />} />
        <Route path="tasks/new" element={<NewTaskPage />} />
        <Route path="tasks/:uid" element={<TaskPage />} />
        <Route path="player" element={<PlayerPage />} />
        <Route
          path="settings/*"
          element={
            <Suspense fallback={<Loading label="Loading settings" />}>
              <SettingsPage />
            </Suspense>
          }
        />
        <Route
          path="sessions"
          element={
            <Suspense fallback={<Loading label="Loading your sessions" />}>
              <SessionsPage />
            </Suspense>
          }
        />
        <Route
          path="dashboard"
          element={
            <Suspense fallback={<Loading label="Loading the dashboard" />}>
              <DashboardPage />
            </Suspense>
          }
        />
        <Route
          path="reports"
          element={
            <Suspense fallback={<Loading label="Loading the reports" />}>
              <ReportsPage />
            </Suspense>
          }
        />
        <Route
          path="import"
          element={
            <Suspense fallback={<Loading label="Loading the import" />}>
              <ImportPage />
            </Suspense>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  )
}

/** The whole app: API access, session, router. */
export function App() {
  return (
    <ApiProvider>
      <AuthProvider>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AuthProvider>
    </ApiProvider>
  )
}
