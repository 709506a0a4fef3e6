/**
 * A command that cannot do what it was asked, for a reason the user can fix: its message is
 * one sentence saying what is wrong and what to do, printed as it is.
 */
export class CommandError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CommandError'
  }
}
