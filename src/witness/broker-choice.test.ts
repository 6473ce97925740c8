import { describe, expect, it } from "vitest";
import { brokerToAsk, isLoopbackAddress } from "./broker-choice.js";
import { RefusedRequest } from "./server-protocol.js";

const RUN = ["127.0.0.1:9092", "127.0.0.1:9093"];

describe("brokerToAsk", () => {
  it("asks the run's own broker (its long-lived admin client) when none is named or the run's is, in any order", () => {
    expect(brokerToAsk([], RUN)).toEqual([]);
    expect(brokerToAsk(["127.0.0.1:9093", "127.0.0.1:9092"], RUN)).toEqual([]);
  });

  it("asks another broker on loopback, as a proof's own native broker is", () => {
    expect(brokerToAsk(["127.0.0.1:41234"], RUN)).toEqual(["127.0.0.1:41234"]);
    expect(brokerToAsk(["localhost:9092"], RUN)).toEqual(["localhost:9092"]);
    expect(brokerToAsk(["127.0.0.1:9092"], RUN)).toEqual(["127.0.0.1:9092"]);
  });

  it("refuses any other address, naming it and the brokers it would ask", () => {
    const refusal = () => brokerToAsk(["127.0.0.1:41234", "kafka.example.com:9092"], RUN);
    expect(refusal).toThrow(RefusedRequest);
    expect(refusal).toThrow(
      "the consumer-groups tool asks only this run's brokers: 127.0.0.1:9092,127.0.0.1:9093 (the run's broker), or a broker on this machine's loopback " +
        "(a proof's own native broker); got kafka.example.com:9092.",
    );
  });
});

describe("isLoopbackAddress", () => {
  it("is a port on localhost, 127.0.0.0/8 or ::1", () => {
    expect(["localhost:1", "LOCALHOST:9092", "127.0.0.1:9092", "127.255.0.9:65535", "[::1]:9092"].filter(isLoopbackAddress)).toHaveLength(5);
  });

  it("is not another host, a malformed address, or a port out of range", () => {
    const others = [
      "10.0.0.1:9092",
      "128.0.0.1:9092",
      "127.0.0.256:9092",
      "localhost.example.com:9092",
      "[::2]:9092",
      "::1:9092",
      "localhost",
      "localhost:0",
      "localhost:65536",
      "127.0.0.1:9092/x",
    ];
    expect(others.filter(isLoopbackAddress)).toEqual([]);
  });
});
