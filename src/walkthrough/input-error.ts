/**
 * A command that cannot be done as typed (an offset outside the log, a message
 * not yet received). The session reports it in one line and goes on; nothing
 * was changed on the broker.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}
