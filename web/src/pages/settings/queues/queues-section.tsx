import { Link, Route, Routes, useNavigate, useParams } from 'react-router-dom'
import { useQueues } from '../../../api'
import { EmptyState } from '../../../ui/empty-state'
import { ErrorNotice } from '../../../ui/error-notice'
import { Loading } from '../../../ui/loading'
import { QueryStatus } from '../../../ui/query-status'
import { QUEUES_PATH } from '../settings-paths'
import { QueueEditor } from './queue-editor'
import { QueueList } from './queue-list'
import { useDeleteQueue, useMoveQueues } from './queues-api'

/** Settings > Queues: the list (`/settings/queues`) and its editor (`new`, `:uid`). */
export function QueuesSection() {
  return (
    <Routes>
      <Route index element={<QueuesOverview />} />
      <Route path="new" element={<NewQueue />} />
      <Route path=":uid" element={<EditQueue />} />
    </Routes>
  )
}

function QueuesOverview() {
  const queues = useQueues()
  const move = useMoveQueues()
  const remove = useDeleteQueue()
  return (
    <section className="st-section" aria-labelledby="queues-title">
      <div className="st-section-header">
        <h2 id="queues-title">Queues</h2>
        <Link className="button-primary" to={`${QUEUES_PATH}/new`}>
          New queue
        </Link>
      </div>
      <p className="st-lead">
        A task joins the first queue, in this order, whose trigger condition it matches.
      </p>
      <QueryStatus query={queues} loading="Loading queues" failed="Could not load the queues" />
      {move.error ? <ErrorNotice error={move.error} action="Could not reorder the queues" /> : null}
      {remove.error ? (
        <ErrorNotice error={remove.error} action="Could not delete the queue" />
      ) : null}
      {queues.data?.length === 0 ? (
        <EmptyState title="No queues yet">
          Tasks stay in no queue until one matches them.
        </EmptyState>
      ) : null}
      {queues.data && queues.data.length > 0 ? (
        <QueueList
          queues={queues.data}
          busy={move.isPending || remove.isPending}
          onMove={(changes) => move.mutate(changes)}
          onDelete={(queue) => remove.mutate(queue.uid)}
        />
      ) : null}
    </section>
  )
}

function NewQueue() {
  const navigate = useNavigate()
  return (
    <section className="st-section" aria-labelledby="queue-editor-title">
      <h2 id="queue-editor-title">New queue</h2>
      <QueueEditor onDone={() => navigate(QUEUES_PATH)} />
    </section>
  )
}

function EditQueue() {
  const { uid } = useParams()
  const navigate = useNavigate()
  const queues = useQueues()
  const queue = queues.data?.find((candidate) => candidate.uid === uid)
  return (
    <section className="st-section" aria-labelledby="queue-editor-title">
      <h2 id="queue-editor-title">{queue ? `Queue ${queue.name}` : 'Queue'}</h2>
      {queues.isPending ? <Loading label="Loading the queue" /> : null}
      {queues.error ? <ErrorNotice error={queues.error} action="Could not load the queue" /> : null}
      {queues.data && !queue ? (
        <EmptyState title="No such queue">
          <Link to={QUEUES_PATH}>Back to the queues</Link>
        </EmptyState>
      ) : null}
      {/* Keyed by uid: another queue starts a fresh draft. */}
      {queue ? (
        <QueueEditor key={queue.uid} queue={queue} onDone={() => navigate(QUEUES_PATH)} />
      ) : null}
    </section>
  )
}
