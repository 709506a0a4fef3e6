import { useId, useState } from 'react'
import { usePageTitle } from '../../layout/use-page-title'
import { EmptyState } from '../../ui/empty-state'
import { QueryStatus } from '../../ui/query-status'
import { useOrgTimeZone } from '../dashboard/dashboard-api'
import { CompletedChart, HandleTimeChart, HourHeatMap } from './report-charts'
import {
  customRange,
  type PeriodChoice,
  PRESETS,
  presetRange,
  type ReportRange,
} from './report-format'
import { ReportTable, type TimeBasis } from './report-table'
import {
  type ReportName,
  reportCsvUrl,
  useHourReport,
  useOperatorReport,
  useQueueReport,
} from './reports-api'
import '../dashboard/dashboard.css'
import './reports.css'

const CUSTOM = 'custom'

/** The period picker: last 7 or 30 days, or two dates of the organization's calendar. */
function PeriodPicker({
  choice,
  basis,
  onChoice,
  onBasis,
}: {
  choice: PeriodChoice
  basis: TimeBasis
  onChoice: (choice: PeriodChoice) => void
  onBasis: (basis: TimeBasis) => void
}) {
  const id = useId()
  const custom = 'fromDate' in choice
  return (
    <div className="filter-bar filter-row rp-controls">
      <label className="field field-inline" htmlFor={`${id}-period`}>
        <span>Period</span>
        <select
          id={`${id}-period`}
          value={custom ? CUSTOM : String(choice.days)}
          onChange={(event) => {
            const value = event.target.value
            onChoice(
              value === CUSTOM
                ? { fromDate: '', toDate: '' }
                : { days: Number(value) as (typeof PRESETS)[number] },
            )
          }}
        >
          {PRESETS.map((days) => (
            <option key={days} value={days}>
              Last {days} days
            </option>
          ))}
          <option value={CUSTOM}>Custom dates</option>
        </select>
      </label>
      {custom ? (
        <>
          <label className="field field-inline" htmlFor={`${id}-from`}>
            <span>From</span>
            <input
              id={`${id}-from`}
              type="date"
              value={choice.fromDate}
              onChange={(event) => onChoice({ ...choice, fromDate: event.target.value })}
            />
          </label>
          <label className="field field-inline" htmlFor={`${id}-to`}>
            <span>To</span>
            <input
              id={`${id}-to`}
              type="date"
              value={choice.toDate}
              onChange={(event) => onChoice({ ...choice, toDate: event.target.value })}
            />
          </label>
        </>
      ) : null}
      <label className="field field-inline" htmlFor={`${id}-basis`}>
        <span>Times</span>
        <select
          id={`${id}-basis`}
          value={basis}
          onChange={(event) => onBasis(event.target.value as TimeBasis)}
        >
          <option value="calendar">Calendar time</option>
          <option value="business">Business hours</option>
        </select>
      </label>
    </div>
  )
}

function CsvLink({ name, range, label }: { name: ReportName; range: ReportRange; label: string }) {
  return (
    <a className="button-secondary rp-csv" href={reportCsvUrl(name, range)} download>
      {label}
    </a>
  )
}

/**
 * Per operator and per queue over a period: completions, handle and resolution times, skips
 * and SLA compliance, with charts and the hours of the week work gets done in.
 */
export function ReportsPage() {
  usePageTitle('Reports')
  const [choice, setChoice] = useState<PeriodChoice>({ days: 7 })
  const [basis, setBasis] = useState<TimeBasis>('calendar')
  // A preset's range is fixed when chosen: counted from each render's now, it would refetch.
  const [presetAt, setPresetAt] = useState(() => new Date())
  const zone = useOrgTimeZone()
  const range: ReportRange | null =
    'days' in choice
      ? presetRange(choice.days, presetAt)
      : zone.timeZone
        ? customRange(choice.fromDate, choice.toDate, zone.timeZone)
        : null
  const operators = useOperatorReport(range)
  const queues = useQueueReport(range)
  const hours = useHourReport(range)
  const choose = (next: PeriodChoice) => {
    setChoice(next)
    setPresetAt(new Date())
  }

  return (
    <div className="page rp-page">
      <header className="page-header">
        <h1>Reports</h1>
      </header>
      <PeriodPicker choice={choice} basis={basis} onChoice={choose} onBasis={setBasis} />
      {range === null ? (
        <EmptyState title="Choose a period">
          <p>Pick the first and last day to report on; the last day must not come first.</p>
        </EmptyState>
      ) : (
        <>
          <p className="rp-period muted">
            {new Date(range.from).toLocaleString()} –{' '}
            {range.to ? new Date(range.to).toLocaleString() : 'now'}
            {zone.timeZone ? ` · hours of the week in ${zone.timeZone}` : ''}
          </p>
          <section className="panel" aria-labelledby="rp-operators">
            <div className="rp-section-head">
              <h2 id="rp-operators">Per operator</h2>
              <CsvLink name="operators" range={range} label="Download CSV" />
            </div>
            <QueryStatus
              query={operators}
              loading="Loading the operators' figures"
              failed="Could not load the operators' figures"
            />
            {operators.data ? (
              operators.data.items.length === 0 ? (
                <EmptyState title="Nothing done in this period">
                  <p>No task was completed or skipped. Try a longer period.</p>
                </EmptyState>
              ) : (
                <ReportTable
                  caption="Figures per operator"
                  nameLabel="Operator"
                  rows={operators.data.items}
                  basis={basis}
                  rowKey={(row) => ('operator_uid' in row ? (row.operator_uid ?? '') : '')}
                />
              )
            ) : null}
          </section>
          {/* With nothing done, the empty table above says it once; no empty charts under it. */}
          {operators.data && operators.data.items.length > 0 ? (
            <div className="db-grid">
              <CompletedChart rows={operators.data.items} />
              <HandleTimeChart rows={operators.data.items} basis={basis} />
            </div>
          ) : null}
          <section className="panel rp-queues" aria-labelledby="rp-queues">
            <div className="rp-section-head">
              <h2 id="rp-queues">Per queue</h2>
              <CsvLink name="queues" range={range} label="Download CSV" />
            </div>
            <QueryStatus
              query={queues}
              loading="Loading the queues' figures"
              failed="Could not load the queues' figures"
            />
            {queues.data ? (
              queues.data.items.length === 0 ? (
                <EmptyState title="No queues yet">
                  <p>Queues are set up in Settings; their figures show here.</p>
                </EmptyState>
              ) : (
                <ReportTable
                  caption="Figures per queue"
                  nameLabel="Queue"
                  rows={queues.data.items}
                  basis={basis}
                  rowKey={(row) => ('queue_uid' in row ? (row.queue_uid ?? '') : '')}
                />
              )
            ) : null}
          </section>
          <QueryStatus
            query={hours}
            loading="Loading the hours of the week"
            failed="Could not load the hours of the week"
          />
          {hours.data ? (
            <div className="rp-hours">
              <HourHeatMap report={hours.data} />
              <CsvLink name="hours" range={range} label="Download hours as CSV" />
            </div>
          ) : null}
        </>
      )}
    </div>
  )
}
