import { NavLink, Outlet, useMatch } from 'react-router-dom'
import { useCan } from '../auth/auth-context'
import { useLiveUpdates } from '../live/use-live-updates'
import { LiveIndicator } from './live-indicator'
import { NotificationBell } from './notification-bell'
import { SearchBar } from './search-bar'
import { UserMenu } from './user-menu'

/** The frame of every signed-in page: skip link, header with navigation and search, main. */
export function AppLayout() {
  const live = useLiveUpdates()
  const canPlay = useCan('operator')
  const canSettle = useCan('admin')
  // A queue's table is part of the backlog.
  const inQueue = useMatch('/queues/:uid') !== null
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="header-row">
          <NavLink to="/" className="brand" end>
            Tessera
          </NavLink>
          <nav aria-label="Main">
            <ul className="nav-list">
              <li>
                <NavLink
                  to="/"
                  end
                  className={({ isActive }) => (isActive || inQueue ? 'active' : undefined)}
                >
                  Backlog
                </NavLink>
              </li>
              {canPlay ? (
                <li>
                  <NavLink to="/player">Player</NavLink>
                </li>
              ) : null}
              <li>
                <NavLink to="/dashboard">Dashboard</NavLink>
              </li>
              {canSettle ? (
                <li>
                  <NavLink to="/reports">Reports</NavLink>
                </li>
              ) : null}
              {canPlay ? (
                <li>
                  <NavLink to="/import">Import</NavLink>
                </li>
              ) : null}
              {canSettle ? (
                <li>
                  <NavLink to="/settings">Settings</NavLink>
                </li>
              ) : null}
            </ul>
          </nav>
          <LiveIndicator status={live} />
          <NotificationBell />
          <UserMenu />
        </div>
        <SearchBar />
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  )
}
