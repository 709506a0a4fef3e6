import type { Task } from '../../api'
import { EmptyState } from '../../ui/empty-state'
import { formatFieldValue } from '../../ui/format'

/** Every custom field of a task (title and url are shown in the page header). */
export function TaskFields({ fields }: { fields: Task['fields'] }) {
  const entries = Object.entries(fields).filter(([name]) => name !== 'title' && name !== 'url')
  return (
    <section className="panel" aria-labelledby="fields-title">
      <h2 id="fields-title">Fields</h2>
      {entries.length === 0 ? (
        <EmptyState title="No custom fields" />
      ) : (
        <dl className="fields">
          {entries.map(([name, value]) => (
            <div key={name} className="field-pair">
              <dt>{name}</dt>
              <dd>
                {typeof value === 'object' && value !== null ? (
                  <pre>{JSON.stringify(value, null, 2)}</pre>
                ) : (
                  formatFieldValue(value)
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  )
}
