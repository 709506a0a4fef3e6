import { useId } from 'react'
import { type TaskStatus, useQueues, useUsers } from '../../../api'
import {
  VALUE_TYPE_LABELS,
  type ValueType,
} from '../../../components/condition-builder/value-codec'
import { statusLabel } from '../../../ui/status-badge'
import { useWebhooks } from '../webhooks/webhooks-api'
import { type ActionDraft, FIELD_VALUE_TYPES } from './action-draft'
import { useNotificationChannels } from './automations-api'

export interface ActionInputsProps {
  draft: ActionDraft
  /** Names the inputs for screen readers: "Action 2". */
  label: string
  onChange: (patch: Partial<ActionDraft>) => void
}

const STATUSES: readonly TaskStatus[] = ['TODO', 'STARTED', 'DONE']

/** The inputs of one action, by its type. */
export function ActionInputs(props: ActionInputsProps) {
  switch (props.draft.type) {
    case 'set_field':
      return <FieldInputs {...props} />
    case 'set_status':
      return <StatusInput {...props} />
    case 'set_priority':
      return (
        <TextInput {...props} name="Priority" value={props.draft.priority} patchKey="priority" />
      )
    case 'route':
      return <QueuePicker {...props} />
    case 'assign':
      return <UserPicker {...props} />
    case 'unassign':
      return <p className="muted small">The task is left without an assignee.</p>
    case 'add_comment':
      return <TextInput {...props} name="Comment" value={props.draft.text} patchKey="text" long />
    case 'send_notification':
      return <NotificationInputs {...props} />
    case 'call_webhook':
      return <WebhookPicker {...props} />
  }
}

function TextInput({
  label,
  name,
  value,
  patchKey,
  long = false,
  onChange,
}: ActionInputsProps & {
  name: string
  value: string
  patchKey: 'priority' | 'text' | 'subject' | 'field'
  long?: boolean
}) {
  const id = useId()
  const input = {
    id,
    value,
    'aria-label': `${label} ${name.toLowerCase()}`,
    onChange: (event: { target: { value: string } }) =>
      onChange({ [patchKey]: event.target.value } as Partial<ActionDraft>),
  }
  return (
    <div className={long ? 'st-field au-wide' : 'st-field'}>
      <label htmlFor={id}>{name}</label>
      {long ? (
        <textarea rows={2} maxLength={10_000} {...input} />
      ) : (
        <input type="text" {...input} />
      )}
    </div>
  )
}

function FieldInputs(props: ActionInputsProps) {
  const { draft, label, onChange } = props
  const id = useId()
  return (
    <div className="au-inputs">
      <TextInput {...props} name="Field" value={draft.field} patchKey="field" />
      <div className="st-field">
        <label htmlFor={`${id}-type`}>Value type</label>
        <select
          id={`${id}-type`}
          value={draft.valueType}
          onChange={(event) => onChange({ valueType: event.target.value as ValueType })}
        >
          {FIELD_VALUE_TYPES.map((type) => (
            <option key={type} value={type}>
              {VALUE_TYPE_LABELS[type]}
            </option>
          ))}
        </select>
      </div>
      {draft.valueType === 'boolean' ? (
        <div className="st-field">
          <label htmlFor={`${id}-bool`}>Value</label>
          <select
            id={`${id}-bool`}
            value={draft.valueText === 'true' ? 'true' : 'false'}
            onChange={(event) => onChange({ valueText: event.target.value })}
          >
            <option value="true">true</option>
            <option value="false">false</option>
          </select>
        </div>
      ) : null}
      {draft.valueType !== 'boolean' && draft.valueType !== 'null' ? (
        <div className="st-field">
          <label htmlFor={`${id}-value`}>Value</label>
          <input
            id={`${id}-value`}
            type="text"
            aria-label={`${label} value`}
            value={draft.valueText}
            inputMode={draft.valueType === 'number' ? 'decimal' : undefined}
            onChange={(event) => onChange({ valueText: event.target.value })}
          />
        </div>
      ) : null}
      {draft.valueType === 'null' ? (
        <p className="muted small">Null removes the field from the task.</p>
      ) : null}
    </div>
  )
}

function StatusInput({ draft, label, onChange }: ActionInputsProps) {
  const id = useId()
  return (
    <div className="st-field">
      <label htmlFor={id}>Status</label>
      <select
        id={id}
        aria-label={`${label} status`}
        value={draft.status}
        onChange={(event) => onChange({ status: event.target.value as TaskStatus })}
      >
        {STATUSES.map((status) => (
          <option key={status} value={status}>
            {statusLabel(status)}
          </option>
        ))}
      </select>
    </div>
  )
}

/** A select of things by uid, with a first empty choice and the loading state said. */
function Picker({
  label,
  name,
  value,
  options,
  loading,
  onPick,
}: {
  label: string
  name: string
  value: string
  options: readonly { uid: string; text: string }[] | undefined
  loading: boolean
  onPick: (uid: string) => void
}) {
  const id = useId()
  return (
    <div className="st-field">
      <label htmlFor={id}>{name}</label>
      <select
        id={id}
        aria-label={`${label} ${name.toLowerCase()}`}
        value={value}
        onChange={(event) => onPick(event.target.value)}
      >
        <option value="">{loading ? 'Loading…' : `Pick a ${name.toLowerCase()}`}</option>
        {(options ?? []).map((option) => (
          <option key={option.uid} value={option.uid}>
            {option.text}
          </option>
        ))}
        {value && options && !options.some((option) => option.uid === value) ? (
          <option value={value}>Unknown ({value})</option>
        ) : null}
      </select>
    </div>
  )
}

function QueuePicker({ draft, label, onChange }: ActionInputsProps) {
  const queues = useQueues()
  return (
    <Picker
      label={label}
      name="Queue"
      value={draft.queueUid}
      loading={queues.isPending}
      options={queues.data?.map((queue) => ({ uid: queue.uid, text: queue.name }))}
      onPick={(queueUid) => onChange({ queueUid })}
    />
  )
}

function UserPicker({ draft, label, onChange }: ActionInputsProps) {
  const users = useUsers()
  return (
    <Picker
      label={label}
      name="Person"
      value={draft.assigneeUid}
      loading={users.isPending}
      options={users.data
        ?.filter((user) => user.active || user.uid === draft.assigneeUid)
        .map((user) => ({ uid: user.uid, text: `${user.name} (${user.email})` }))}
      onPick={(assigneeUid) => onChange({ assigneeUid })}
    />
  )
}

function WebhookPicker({ draft, label, onChange }: ActionInputsProps) {
  const webhooks = useWebhooks()
  return (
    <Picker
      label={label}
      name="Webhook"
      value={draft.webhookUid}
      loading={webhooks.isPending}
      options={webhooks.data?.map((webhook) => ({
        uid: webhook.uid,
        text: `${webhook.description || webhook.url}${webhook.active ? '' : ' (off)'}`,
      }))}
      onPick={(webhookUid) => onChange({ webhookUid })}
    />
  )
}

/** Toggles `uid` in `list`, keeping the order in which things were picked. */
function toggled(list: readonly string[], uid: string, on: boolean): string[] {
  return on ? [...list.filter((known) => known !== uid), uid] : list.filter((k) => k !== uid)
}

function NotificationInputs(props: ActionInputsProps) {
  const { draft, onChange } = props
  const channels = useNotificationChannels()
  const users = useUsers()
  return (
    <div className="au-notify">
      <fieldset className="au-plain-fieldset">
        <legend className="small">Channels</legend>
        {channels.data?.length === 0 ? (
          <p className="muted small">No channels yet: add them in Settings › Notifications.</p>
        ) : null}
        <div className="st-checks">
          {(channels.data ?? []).map((channel) => (
            <label key={channel.uid} className="st-check">
              <input
                type="checkbox"
                checked={draft.channelUids.includes(channel.uid)}
                onChange={(event) =>
                  onChange({
                    channelUids: toggled(draft.channelUids, channel.uid, event.target.checked),
                  })
                }
              />
              {channel.name}
              {channel.active ? '' : ' (off)'}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="au-plain-fieldset">
        <legend className="small">People (their bell in the app)</legend>
        <div className="st-checks">
          <label className="st-check">
            <input
              type="checkbox"
              checked={draft.toAssignee}
              onChange={(event) => onChange({ toAssignee: event.target.checked })}
            />
            The task's assignee
          </label>
          {(users.data ?? [])
            .filter((user) => user.active || draft.userUids.includes(user.uid))
            .map((user) => (
              <label key={user.uid} className="st-check">
                <input
                  type="checkbox"
                  checked={draft.userUids.includes(user.uid)}
                  onChange={(event) =>
                    onChange({ userUids: toggled(draft.userUids, user.uid, event.target.checked) })
                  }
                />
                {user.name}
              </label>
            ))}
        </div>
      </fieldset>
      <TextInput {...props} name="Subject" value={draft.subject} patchKey="subject" />
      <TextInput {...props} name="Message" value={draft.text} patchKey="text" long />
      <p className="muted small">Without a subject, the rule's name is the subject.</p>
    </div>
  )
}
