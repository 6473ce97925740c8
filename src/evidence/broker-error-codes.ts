/**
 * Kafka protocol error codes a proof may expect the broker to answer with, by
 * the names Kafka gives them (org.apache.kafka.common.protocol.Errors), with
 * their numbers on the wire. A refusal is recorded only with such a code, as
 * the broker sent it; clients name some differently (kafkajs says
 * GROUP_COORDINATOR_NOT_AVAILABLE for COORDINATOR_NOT_AVAILABLE), so the number decides.
 */
export const BROKER_ERROR_NUMBERS = {
  COORDINATOR_LOAD_IN_PROGRESS: 14,
  COORDINATOR_NOT_AVAILABLE: 15,
  NOT_COORDINATOR: 16,
  ILLEGAL_GENERATION: 22,
  UNKNOWN_MEMBER_ID: 25,
  REBALANCE_IN_PROGRESS: 27,
  TOPIC_AUTHORIZATION_FAILED: 29,
  GROUP_AUTHORIZATION_FAILED: 30,
  INVALID_PRODUCER_EPOCH: 47,
  GROUP_NOT_EMPTY: 68,
  GROUP_ID_NOT_FOUND: 69,
  FENCED_INSTANCE_ID: 82,
  GROUP_SUBSCRIBED_TO_TOPIC: 86,
  PRODUCER_FENCED: 90,
  FENCED_MEMBER_EPOCH: 110,
  STALE_MEMBER_EPOCH: 113,
} as const;

export type BrokerErrorCode = keyof typeof BROKER_ERROR_NUMBERS;

export const BROKER_ERROR_CODES = Object.keys(BROKER_ERROR_NUMBERS) as BrokerErrorCode[];

/** Kafka's name for an error number the proofs know; undefined for any other. */
export function brokerErrorName(code: number): BrokerErrorCode | undefined {
  return BROKER_ERROR_CODES.find((name) => BROKER_ERROR_NUMBERS[name] === code);
}
