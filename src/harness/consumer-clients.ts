import type { BrokerInfo } from "../broker/started-broker.js";
import type { DescribeOtherwise } from "./broker-witness.js";
import type { Cell } from "./cell.js";
import { kafkaClient } from "./client-settings.js";
import type { ConsumerSpec, GroupConsumer } from "./consumer.js";
import { RecordingConsumer } from "./recording-consumer.js";
import { SeverableConnections } from "./severable-connections.js";
import type { Timeline } from "./timeline.js";

/** Makes a scenario's consumers, with the client and protocol of the run's cell. */
export interface ConsumerClients extends AsyncDisposable {
  readonly cell: Cell;
  consumer(spec: ConsumerSpec, timeline: Timeline): GroupConsumer;
  /** Describes a group where kafkajs' DescribeGroups cannot (groups of the consumer protocol); undefined elsewhere. */
  readonly describeGroup?: DescribeOtherwise | undefined;
}

/** kafkajs consumers on the classic protocol; a crashable one has connections that can all be cut at once. */
export class KafkajsClients implements ConsumerClients {
  readonly cell: Cell = { name: "kafkajs/classic", client: "kafkajs", protocol: "classic" };

  constructor(private readonly broker: BrokerInfo) {}

  consumer(spec: ConsumerSpec, timeline: Timeline): GroupConsumer {
    // Silently left out, the option would leave a proof judging a client that is not the one it asked for.
    if (spec.assignor !== undefined) throw new Error(`${spec.name} asks for the ${spec.assignor} assignor, which is Kafka's Java client's; kafkajs has assigners of its own`);
    if (spec.maxPollIntervalMs !== undefined)
      throw new Error(`${spec.name} is given max.poll.interval.ms, which is Kafka's Java client's; a kafkajs member that stops heartbeating is removed after its session timeout`);
    if (spec.groupInstanceId !== undefined) throw new Error(`${spec.name} asks to be a static member (group.instance.id), which kafkajs does not support (kafkajs issue #884)`);
    const connections = spec.crashable ? new SeverableConnections() : undefined;
    const kafka = kafkaClient(this.broker, spec.name, connections ? { socketFactory: connections.factory } : {});
    return new RecordingConsumer(kafka, { ...spec, ...(connections ? { connections } : {}) }, timeline);
  }

  async [Symbol.asyncDispose](): Promise<void> {}
}
