import { Navigate, NavLink, Route, Routes } from 'react-router-dom'
import { useCan } from '../../auth/auth-context'
import { usePageTitle } from '../../layout/use-page-title'
import { EmptyState } from '../../ui/empty-state'
import { AuditSection } from './audit/audit-section'
import { AutomationsSection } from './automations/automations-section'
import { BusinessHoursSection } from './business-hours/business-hours-section'
import { CalendarsSection } from './calendars/calendars-section'
import { DevelopersSection } from './developers/developers-section'
import { FieldsSection } from './fields/fields-section'
import { FormsSection } from './forms/forms-section'
import { NotificationsSection } from './notifications/notifications-section'
import { QueuesSection } from './queues/queues-section'
import { SETTINGS_PATH } from './settings-paths'
import { SsoSection } from './sso/sso-section'
import { UsersSection } from './users/users-section'
import { WebhooksSection } from './webhooks/webhooks-section'
import './settings.css'

const SECTIONS = [
  { path: 'developers', title: 'Developers' },
  { path: 'users', title: 'Users' },
  { path: 'queues', title: 'Queues' },
  { path: 'fields', title: 'Fields' },
  { path: 'forms', title: 'Forms' },
  { path: 'business-hours', title: 'Business hours' },
  { path: 'calendars', title: 'Calendars' },
  { path: 'webhooks', title: 'Webhooks' },
  { path: 'notifications', title: 'Notifications' },
  { path: 'automations', title: 'Automations' },
  { path: 'sso', title: 'Single sign-on' },
  { path: 'audit', title: 'Audit' },
] as const

/** Settings, mounted at `/settings/*`: its own sub-navigation and one route per section. */
export function SettingsPage() {
  usePageTitle('Settings')
  const isAdmin = useCan('admin')
  if (!isAdmin) {
    return (
      <div className="page">
        <h1>Settings</h1>
        <EmptyState title="Settings are for admins">Ask an admin of your organization.</EmptyState>
      </div>
    )
  }
  return (
    <div className="page st-page">
      <header className="page-header">
        <h1>Settings</h1>
      </header>
      <div className="st-layout">
        <nav aria-label="Settings" className="st-nav">
          <ul>
            {SECTIONS.map((section) => (
              <li key={section.path}>
                <NavLink to={`${SETTINGS_PATH}/${section.path}`}>{section.title}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="st-content">
          <Routes>
            <Route index element={<Navigate to={`${SETTINGS_PATH}/developers`} replace />} />
            <Route path="developers" element={<DevelopersSection />} />
            <Route path="users" element={<UsersSection />} />
            <Route path="queues/*" element={<QueuesSection />} />
            <Route path="fields/*" element={<FieldsSection />} />
            <Route path="forms/*" element={<FormsSection />} />
            <Route path="business-hours" element={<BusinessHoursSection />} />
            <Route path="calendars" element={<CalendarsSection />} />
            <Route path="webhooks" element={<WebhooksSection />} />
            <Route path="notifications" element={<NotificationsSection />} />
            <Route path="automations/*" element={<AutomationsSection />} />
            <Route path="sso" element={<SsoSection />} />
            <Route path="audit" element={<AuditSection />} />
            <Route path="*" element={<Navigate to={`${SETTINGS_PATH}/developers`} replace />} />
          </Routes>
        </div>
      </div>
    </div>
  )
}
