import type { FastifyRequest, FastifySchema } from 'fastify'
import { playNext } from '../../app/play-next'
import {
  completeCurrent,
  type PlayerState as PlayerStateRecord,
  pauseCurrent,
  playerState,
  skipCurrent,
  startPlaying,
  stopPlaying,
} from '../../app/player'
import { errorResponses } from '../../contract/common'
import {
  CompleteBody,
  NextBody,
  PlayedTask,
  PlayerState,
  PlayerTaskBody,
  SkipBody,
  StartPlayingBody,
  StopResult,
} from '../../contract/player'
import { Task } from '../../contract/tasks'
import { presentPlayerSession } from '../../presenters/player-session'
import { actingAs, presentTaskFor } from '../request-context'
import type { Api, RouteDeps } from '../types'

const errors = errorResponses(401, 403, 404, 409, 422)

/**
 * Route options of a player action: operators and above, documented under `player`. The
 * rules come with the token, from the process's cache when it has them (moves need the
 * calendar to count work time, `next` the queues and their order).
 */
function playerRoute<S extends FastifySchema>(summary: string, schema: S, description?: string) {
  return {
    config: { role: 'operator' as const, orgRules: true },
    schema: { summary, description, tags: ['player'], ...schema },
  }
}

/** The operator's session and task in progress, as the API shows them. */
function presentState(request: FastifyRequest, state: PlayerStateRecord) {
  return {
    session: presentPlayerSession(state.session),
    current: state.current && presentTaskFor(request)(state.current),
  }
}

/** The player: the calling operator's start, next, complete, pause, skip and stop. */
export function registerPlayerRoutes(api: Api, { db }: RouteDeps): void {
  api.get(
    '/player',
    playerRoute('Your session and task in progress', { response: { 200: PlayerState, ...errors } }),
    async (request) => presentState(request, await playerState(actingAs(request, db))),
  )

  api.post(
    '/player/start',
    playerRoute('Start playing some queues, or all you may work', {
      body: StartPlayingBody,
      response: { 200: PlayerState, ...errors },
    }),
    async (request) =>
      presentState(
        request,
        await startPlaying(actingAs(request, db), request.body.queue_uids ?? null),
      ),
  )

  api.post(
    '/player/next',
    playerRoute(
      'Get the next task',
      { body: NextBody, response: { 200: PlayedTask, ...errors } },
      'Atomically assigns and starts the most urgent task you may work (your paused or woken tasks first, then your queues by position) and returns it with its url; `task` is null when there is none. A task you skipped in this session (until you start or stop playing) is not served again while other work is available to you, whatever `skip_mode` says: when only such tasks are left, `task` is null and `skipped_available` says how many; ask again with `include_skipped: true` to be served them. 409 while you hold a started task, unless the organization allows several.',
    ),
    async (request) => {
      const { task, skippedAvailable } = await playNext(actingAs(request, db), {
        includeSkipped: request.body?.include_skipped ?? false,
      })
      return { task: task && presentTaskFor(request)(task), skipped_available: skippedAvailable }
    },
  )

  api.post(
    '/player/complete',
    playerRoute(
      'Complete your task in progress (or the one named)',
      { body: CompleteBody, response: { 200: Task, ...errors } },
      "With `form_data`, the values entered in the form of the task's queue (its `form_uid`): they are merged into the task's `fields` (null removes a key) and `form_data`, and `metadata_form_uid` becomes the queue's form, in the same write as the completion; the history shows `fields_changed` and `updated` before `completed`. Refused with 422, naming each `/body/form_data/<key>`, while a required item of that form or a field definition marked `required_for_completion` has no value (after the merge), or, when the organization has `strict_fields`, while a value entered does not fit its definition.",
    ),
    async (request) =>
      presentTaskFor(request)(
        await completeCurrent(
          actingAs(request, db),
          request.body?.task_uid,
          request.body?.form_data ?? {},
        ),
      ),
  )

  api.post(
    '/player/pause',
    playerRoute('Pause your task in progress: it stays yours', {
      body: PlayerTaskBody,
      response: { 200: Task, ...errors },
    }),
    async (request) =>
      presentTaskFor(request)(await pauseCurrent(actingAs(request, db), request.body?.task_uid)),
  )

  api.post(
    '/player/skip',
    playerRoute(
      'Skip your task',
      { body: SkipBody, response: { 200: Task, ...errors } },
      'With a reason. As the organization settings say: it returns to the pool, or stays yours and sleeps until `snooze_expires_at`.',
    ),
    async (request) =>
      presentTaskFor(request)(
        await skipCurrent(actingAs(request, db), {
          taskUid: request.body.task_uid,
          reason: request.body.reason,
          snoozeUntil: request.body.snooze_until ? new Date(request.body.snooze_until) : undefined,
        }),
      ),
  )

  api.post(
    '/player/stop',
    playerRoute(
      'Stop playing',
      { response: { 200: StopResult, ...errors } },
      'Gives all your unfinished tasks back to the pool.',
    ),
    async (request) => ({ released: await stopPlaying(actingAs(request, db)) }),
  )
}
