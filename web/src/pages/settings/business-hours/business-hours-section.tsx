import { useOrgSettings } from '../../../api'
import { ErrorNotice } from '../../../ui/error-notice'
import { Loading } from '../../../ui/loading'
import { useCalendar } from './calendar-api'
import { CalendarForm } from './calendar-form'
import { PlayerSettingsForm } from './player-settings-form'

/** Settings > Business hours: the calendar, and the player's rules. */
export function BusinessHoursSection() {
  const calendar = useCalendar()
  const settings = useOrgSettings()
  return (
    <div className="st-section">
      {calendar.isPending ? <Loading label="Loading the calendar" /> : null}
      {calendar.error ? (
        <ErrorNotice
          error={calendar.error}
          action="Could not load the calendar"
          onRetry={() => calendar.refetch()}
        />
      ) : null}
      {/* Forms start from what the server holds; a refetch after saving must not reset them. */}
      {calendar.data ? <CalendarForm calendar={calendar.data} /> : null}
      {settings.isPending ? <Loading label="Loading the player settings" /> : null}
      {settings.error ? (
        <ErrorNotice
          error={settings.error}
          action="Could not load the player settings"
          onRetry={() => settings.refetch()}
        />
      ) : null}
      {settings.data ? <PlayerSettingsForm settings={settings.data} /> : null}
    </div>
  )
}
