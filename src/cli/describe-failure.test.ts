import { describe, expect, it } from 'vitest'
import { AppError } from '../contract/errors'
import { describeFailure } from './describe-failure'

/** An error as Node's fs, net and pg throw them: extra fields on an Error. */
function withFields(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields)
}

describe('a failed command says one sentence', () => {
  it('keeps the sentences of our own errors', () => {
    expect(describeFailure(new Error('No organization named x: check --org.'))).toBe(
      'No organization named x: check --org.',
    )
    expect(
      describeFailure(
        new AppError('validation_failed', 'The password is too short.', [
          { path: '--password', message: 'must have at least 8 characters' },
        ]),
      ),
    ).toBe('The password is too short: --password must have at least 8 characters.')
  })

  it("puts the operating system's errors in words, with what to do", () => {
    const denied = withFields("EACCES: permission denied, mkdir '/srv/x'", {
      code: 'EACCES',
      syscall: 'mkdir',
      path: '/srv/x',
    })
    expect(describeFailure(denied)).toMatch(/^Permission denied on \/srv\/x: .*--data/)
    const refused = withFields('connect ECONNREFUSED 127.0.0.1:5433', {
      code: 'ECONNREFUSED',
      syscall: 'connect',
      address: '127.0.0.1',
      port: 5433,
    })
    expect(describeFailure(refused)).toBe(
      'Nothing answers at 127.0.0.1:5433: start PostgreSQL there, or check --database-url.',
    )
  })

  it("says PostgreSQL's refusals by SQLSTATE, never in the driver's words", () => {
    const auth = withFields('password authentication failed for user "x"', {
      code: '28P01',
      severity: 'FATAL',
    })
    expect(describeFailure(auth)).toBe(
      'PostgreSQL refused the user or password: check them in --database-url.',
    )
    const other = withFields('invalid input syntax for type uuid: "nope"', {
      code: '22P02',
      severity: 'ERROR',
    })
    expect(describeFailure(other)).toBe(
      'The database refused the command (SQLSTATE 22P02): its log says why.',
    )
  })

  it('calls a bug a bug', () => {
    expect(
      describeFailure(new TypeError("Cannot read properties of undefined (reading 'x')")),
    ).toMatch(
      /^Unexpected failure \(TypeError: .*\): please report it, with the command you ran\.$/,
    )
  })
})
