import type { Task } from '../../api'
import { formatDuration } from '../../ui/format'
import { TableHead } from '../../ui/table-head'

const METRICS = [
  ['wait_time', 'Wait', 'From creation to the first start'],
  ['queue_time', 'In queue', 'From joining its queue to the first work'],
  ['work_time', 'Work', 'Time spent started'],
  ['resolution_time', 'Resolution', 'From creation to completion'],
] as const

function show(seconds: number | null): string {
  return seconds === null ? '—' : formatDuration(seconds)
}

/** Wait, queue, work and resolution times, in wall-clock and business hours. */
export function TaskMetrics({ task }: { task: Task }) {
  return (
    <section className="panel" aria-labelledby="metrics-title">
      <h2 id="metrics-title">Metrics</h2>
      <table className="metrics">
        <TableHead columns={['Metric', 'Elapsed', 'Business hours']} />
        <tbody>
          {METRICS.map(([key, label, hint]) => (
            <tr key={key}>
              <th scope="row" title={hint}>
                {label}
              </th>
              <td>{show(task[key])}</td>
              <td>{show(task[`${key}_business`])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
