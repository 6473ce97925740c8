import type { BrokerInfo } from "../../broker/started-broker.js";
import type { DescribedGroup, DescribeOtherwise } from "../broker-witness.js";
import type { Cell } from "../cell.js";
import type { ConsumerClients } from "../consumer-clients.js";
import type { ConsumerSpec } from "../consumer.js";
import { commitAsMember } from "../member-commit.js";
import type { Timeline } from "../timeline.js";
import { HostLink } from "./host-link.js";
import { HostProcess } from "./host-process.js";
import { openHostSession, type HostSession, type JavaHostEndpoint } from "./host-session.js";
import { JavaConsumer, type CommitAsIdentity, type HostSeat } from "./java-consumer.js";

export type { JavaHostEndpoint } from "./host-session.js";

/**
 * Java consumers for one scenario: all but the crashable ones share one
 * session of the run's host (one JVM for the whole run); a crashable one gets
 * a JVM of its own, killed to crash it. Groups of the consumer protocol are
 * described by Kafka's Admin client in the host, as kafkajs knows only the classic protocol.
 */
export class JavaClients implements ConsumerClients {
  private shared: Promise<HostSession> | undefined;
  private readonly own = new Set<HostProcess>();
  private readonly endpoint: Promise<JavaHostEndpoint>;

  constructor(
    readonly cell: Cell,
    private readonly broker: BrokerInfo,
    /** The run's host, or one still starting (see `CellClients`): its failure is the first request's. */
    endpoint: JavaHostEndpoint | Promise<JavaHostEndpoint>,
  ) {
    this.endpoint = Promise.resolve(endpoint);
    this.endpoint.catch(() => undefined);
  }

  consumer(spec: ConsumerSpec, timeline: Timeline): JavaConsumer {
    const settings = { bootstrapServers: this.broker.bootstrapServers, protocol: this.cell.protocol };
    const configureGroup = async (groupId: string, configs: Record<string, string>) => {
      const { link } = await this.session();
      await link.request("group-config", { bootstrap: this.broker.bootstrapServers.join(","), groupId, configs });
    };
    const commitAs: CommitAsIdentity = (groupId, identity, offsets) => commitAsMember(this.broker, groupId, identity, offsets);
    return new JavaConsumer(spec, timeline, settings, (s) => (s.crashable ? this.ownSeat(s) : this.sharedSeat()), configureGroup, commitAs);
  }

  get describeGroup(): DescribeOtherwise | undefined {
    if (this.cell.protocol !== "consumer") return undefined;
    return async (groupId) => {
      const { link } = await this.session();
      // Kafka's ConsumerGroupDescription as ConsumerHost.java's `describe` lays it out, beside the reply's id.
      const { state, protocol, members, assignor, groupEpoch, assignmentEpoch } = (await link.request("describe", {
        bootstrap: this.broker.bootstrapServers.join(","),
        groupId,
      })) as unknown as DescribedGroup;
      const epochs = { ...(groupEpoch === undefined ? {} : { groupEpoch }), ...(assignmentEpoch === undefined ? {} : { assignmentEpoch }) };
      return { state, protocol, members: members.sort((a, b) => a.clientId.localeCompare(b.clientId)), ...(assignor ? { assignor } : {}), ...epochs };
    };
  }

  private session(): Promise<HostSession> {
    return (this.shared ??= this.endpoint.then(openHostSession));
  }

  private async sharedSeat(): Promise<HostSeat> {
    return { link: (await this.session()).link };
  }

  private async ownSeat(spec: ConsumerSpec): Promise<HostSeat> {
    const jvm = new HostProcess(await this.endpoint, "stdio", process.env);
    this.own.add(jvm);
    const link = new HostLink(jvm.child.stdout, jvm.child.stdin, `${spec.name}'s Java consumer host`, (line) => {
      if (line.startsWith("@@ ready")) jvm.onReady(line.slice("@@ ready".length).trim());
    });
    jvm.child.once("exit", () => link.fail(jvm.failure(`${spec.name}'s JVM exited`)));
    await jvm.ready;
    const end = async (how: "kill" | "close") => {
      this.own.delete(jvm);
      await (how === "kill" ? jvm.kill() : jvm.close());
    };
    return { link, kill: () => end("kill"), release: () => end("close") };
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await Promise.allSettled([...this.own].map((jvm) => jvm.close(5_000)));
    this.own.clear();
    (await this.shared?.catch(() => undefined))?.close();
  }
}
