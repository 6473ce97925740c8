import type { BrokerInfo } from "../broker/started-broker.js";
import type { DescribeOtherwise } from "./broker-witness.js";
import { cellFrom, type Cell, type CellName } from "./cell.js";
import { KafkajsClients, type ConsumerClients } from "./consumer-clients.js";
import type { ConsumerSpec, GroupConsumer } from "./consumer.js";
import { JavaClients, type JavaHostEndpoint } from "./java/java-clients.js";
import { startConsumerHost, type ConsumerHost } from "./java/start-consumer-host.js";
import type { Timeline } from "./timeline.js";

/**
 * A scenario's consumers: each of the run's cell, unless its spec names a cell
 * of its own (`ConsumerSpec.cell`), as a proof that compares clients or
 * protocols asks. A cell's clients are made when a consumer first needs them.
 * A Java consumer in a run without the shared Java host (a kafkajs run) gets
 * a host JVM of this scenario's own, closed with it.
 *
 * Each group is described by the clients of its members' cell: a group of the
 * consumer protocol needs Kafka's Admin client, as kafkajs' DescribeGroups
 * knows only the classic protocol.
 */
export class CellClients implements ConsumerClients {
  private readonly made = new Map<CellName, ConsumerClients>();
  /** The cell of each group's members, by group id: a group speaks one protocol. */
  private readonly groupCells = new Map<string, CellName>();
  private ownHost: Promise<ConsumerHost> | undefined;

  constructor(
    readonly cell: Cell,
    private readonly broker: BrokerInfo,
    private readonly javaHost: JavaHostEndpoint | null,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  consumer(spec: ConsumerSpec, timeline: Timeline): GroupConsumer {
    const cell = spec.cell ?? this.cell.name;
    const earlier = this.groupCells.get(spec.groupId);
    if (earlier !== undefined && earlier !== cell) {
      throw new Error(
        `${spec.name} would be a ${cell} consumer in group ${spec.groupLabel}, whose members are ${earlier}: one group, one client and protocol. Give ${spec.name} the same cell, or another group.`,
      );
    }
    this.groupCells.set(spec.groupId, cell);
    return this.clientsOf(cell).consumer(spec, timeline);
  }

  get describeGroup(): DescribeOtherwise {
    return async (groupId) => this.clientsOf(this.groupCells.get(groupId) ?? this.cell.name).describeGroup?.(groupId);
  }

  private clientsOf(name: CellName): ConsumerClients {
    let clients = this.made.get(name);
    if (!clients) {
      const cell = cellFrom({ KAFKA_PROOFS_CELL: name });
      clients = cell.client === "kafkajs" ? new KafkajsClients(this.broker) : new JavaClients(cell, this.broker, this.javaHost ?? this.hostOfOurOwn(cell));
      this.made.set(name, clients);
    }
    return clients;
  }

  /** Started when a Java consumer first needs it: a run of another cell may have Java consumers in one proof only. */
  private async hostOfOurOwn(cell: Cell): Promise<JavaHostEndpoint> {
    this.ownHost ??= startConsumerHost(`The ${cell.name} consumers of this proof`, this.broker, this.env);
    return (await this.ownHost).endpoint;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await Promise.allSettled([...this.made.values()].map((clients) => clients[Symbol.asyncDispose]()));
    this.made.clear();
    await (await this.ownHost?.catch(() => undefined))?.close();
  }
}
