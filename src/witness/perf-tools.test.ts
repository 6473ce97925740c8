import { describe, expect, test } from "vitest";
import { parseConsumerSummary, parseProducerSummary } from "./perf-tools.js";

describe("Kafka's performance tools' summaries", () => {
  test("the producer's last summary line gives what it sent", () => {
    const output =
      "500000 records sent, 100000.0 records/sec (9.54 MB/sec), 12.0 ms avg latency.\n1000000 records sent, 211237.853823 records/sec (20.15 MB/sec), 185.56 ms avg latency, 748.00 ms max latency.\n";
    expect(parseProducerSummary(output)).toEqual({ sent: 1_000_000, recordsPerSecond: 211237.853823 });
  });

  test("the consumer's header names the figures", () => {
    const output = [
      "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec",
      "2025-01-01 10:00:00:000, 2025-01-01 10:00:03:000, 95.3674, 31.7891, 1000000, 333333.3333, 927, 2073, 46.0, 482393.6324",
    ].join("\n");
    expect(parseConsumerSummary(output)).toEqual({ messages: 1_000_000, messagesPerSecond: 333333.3333, fetchMessagesPerSecond: 482393.6324 });
  });

  test("output without a summary is an error that quotes its end", () => {
    expect(() => parseProducerSummary("Exception in thread main\nTimeoutException")).toThrow(/no summary line.*TimeoutException/);
    expect(() => parseConsumerSummary("WARN something")).toThrow(/no summary.*WARN something/);
  });
});
