import kafkajs from "kafkajs";
import { describe, expect, it } from "vitest";
import { brokerErrorCode } from "./broker-errors.js";

const { KafkaJSProtocolError, KafkaJSNumberOfRetriesExceeded, KafkaJSNonRetriableError, KafkaJSConnectionError } = kafkajs;

describe("brokerErrorCode", () => {
  it("names a protocol error by Kafka's name for its number, not kafkajs'", () => {
    const error = new KafkaJSProtocolError({ type: "GROUP_COORDINATOR_NOT_AVAILABLE", code: 15, message: "The group coordinator is not available" } as never);
    expect(brokerErrorCode(error)).toBe("COORDINATOR_NOT_AVAILABLE");
  });

  it("keeps kafkajs' name for a number the proofs do not know", () => {
    expect(brokerErrorCode(new KafkaJSProtocolError({ type: "INVALID_TOPIC_EXCEPTION", code: 17, message: "bad topic" } as never))).toBe("INVALID_TOPIC_EXCEPTION");
  });

  it("finds the broker's answer under the retries kafkajs gave up on", () => {
    const last = new KafkaJSProtocolError({ type: "GROUP_AUTHORIZATION_FAILED", code: 30, message: "Not authorized" } as never);
    expect(brokerErrorCode(new KafkaJSNumberOfRetriesExceeded(last, { retryCount: 8, retryTime: 1000 }))).toBe("GROUP_AUTHORIZATION_FAILED");
  });

  it("finds the broker's answer under the error kafkajs gives for one no retry could change", () => {
    const answer = new KafkaJSProtocolError({ type: "UNKNOWN_MEMBER_ID", code: 25, message: "The coordinator is not aware of this member" } as never);
    // kafkajs' types leave out the options its retrier passes (the cause).
    const NonRetriable = KafkaJSNonRetriableError as unknown as new (error: Error, options: { cause: Error }) => Error;
    expect(brokerErrorCode(new NonRetriable(answer, { cause: answer }))).toBe("UNKNOWN_MEMBER_ID");
  });

  it("is undefined for what the broker did not answer", () => {
    expect(brokerErrorCode(new KafkaJSConnectionError("Connection refused"))).toBeUndefined();
    expect(brokerErrorCode(new Error("timeout"))).toBeUndefined();
    expect(brokerErrorCode("GROUP_AUTHORIZATION_FAILED")).toBeUndefined();
  });
});
