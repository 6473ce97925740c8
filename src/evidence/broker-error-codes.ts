/**
 * Kafka protocol error codes a proof may expect the broker to answer with, by
 * the names Kafka gives them (org.apache.kafka.common.protocol.Errors). A
 * refusal is recorded only with such a code, as the broker sent it.
 */
export const BROKER_ERROR_CODES = [
  "UNKNOWN_MEMBER_ID",
  "ILLEGAL_GENERATION",
  "GROUP_NOT_EMPTY",
  "GROUP_AUTHORIZATION_FAILED",
  "REBALANCE_IN_PROGRESS",
  "STALE_MEMBER_EPOCH",
] as const;

export type BrokerErrorCode = (typeof BROKER_ERROR_CODES)[number];
