import { useOrgSettings } from '../../../api'
import { QueryStatus } from '../../../ui/query-status'
import { useCalendar } from './calendar-api'
import { CalendarForm } from './calendar-form'
import { PlayerSettingsForm } from './player-settings-form'

/** Settings > Business hours: the calendar, and the player's rules. */
export function BusinessHoursSection() {
  const calendar = useCalendar()
  const settings = useOrgSettings()
  return (
    <div className="st-section">
      <QueryStatus
        query={calendar}
        loading="Loading the calendar"
        failed="Could not load the calendar"
      />
      {/* Forms start from what the server holds; a refetch after saving must not reset them. */}
      {calendar.data ? <CalendarForm calendar={calendar.data} /> : null}
      <QueryStatus
        query={settings}
        loading="Loading the player settings"
        failed="Could not load the player settings"
      />
      {settings.data ? <PlayerSettingsForm settings={settings.data} /> : null}
    </div>
  )
}
