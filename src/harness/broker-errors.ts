import { brokerErrorName } from "../evidence/broker-error-codes.js";

/**
 * The broker's error code in a kafkajs error, by Kafka's name for it (see
 * `BROKER_ERROR_NUMBERS`): from a protocol error, which carries the number the
 * broker sent, or from the last attempt of a request kafkajs retried. Undefined
 * for anything the broker did not answer (a timeout, a lost connection).
 */
export function brokerErrorCode(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  // kafkajs' retrier wraps the broker's answer: in the last attempt's error when it gave up, or in a
  // non-retriable error when the answer was one no retry could change (UNKNOWN_MEMBER_ID to a commit).
  if (error.name === "KafkaJSNumberOfRetriesExceeded" || error.name === "KafkaJSNonRetriableError") return brokerErrorCode(error.cause);
  if (error.name !== "KafkaJSProtocolError") return undefined;
  const { code, type } = error as { code?: unknown; type?: unknown };
  const named = typeof code === "number" ? brokerErrorName(code) : undefined;
  return named ?? (typeof type === "string" ? type : undefined);
}
