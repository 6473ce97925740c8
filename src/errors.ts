/**
 * Errors that stop a run before any claim is tested. Each says what happened
 * and what to do about it, so a newcomer is never left with a stack trace.
 */
export class SetupError extends Error {
  /** What the user can do about it. */
  readonly hint: string;

  constructor(problem: string, hint: string, options?: { cause?: unknown }) {
    super(`${problem}\n  → ${hint}`, options);
    this.name = new.target.name;
    this.hint = hint;
  }
}

/** A configuration value (env variable or option) that is not one we accept. */
export class ConfigError extends SetupError {}

/** Java, Maven or the Kafka jars are missing or unusable. */
export class ToolchainError extends SetupError {}

/** The broker did not start, or could not be reached. */
export class BrokerError extends SetupError {}
