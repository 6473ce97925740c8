import { expect, test } from "vitest";
import type { BrokerInfo } from "../broker/started-broker.js";
import { CellClients } from "./cell-clients.js";
import { cellFrom } from "./cell.js";
import { RecordingConsumer } from "./recording-consumer.js";
import { Timeline } from "./timeline.js";

// Nothing here connects: consumers are made, not started.
const broker: BrokerInfo = { bootstrapServers: ["127.0.0.1:9"], kafkaVersion: "4.4.0", mode: "native" };
const spec = (name: string) => ({ name, groupLabel: "A", groupId: "g-A", topics: ["t"] });

test("a consumer is of the run's cell unless its spec names one, and a group keeps to one", async () => {
  await using clients = new CellClients(cellFrom({}), broker, null);
  const timeline = new Timeline();
  expect(clients.consumer(spec("A1"), timeline)).toBeInstanceOf(RecordingConsumer);
  expect(clients.consumer({ ...spec("A2"), cell: "kafkajs/classic" }, timeline)).toBeInstanceOf(RecordingConsumer);
  expect(() => clients.consumer({ ...spec("A3"), cell: "java/consumer" }, timeline)).toThrow(
    "A3 would be a java/consumer consumer in group A, whose members are kafkajs/classic: one group, one client and protocol.",
  );
  // A classic group is left to kafkajs' DescribeGroups.
  expect(await clients.describeGroup("g-A")).toBeUndefined();
});
