import { connect } from "node:net";
import type { BrokerInfo } from "../../broker/started-broker.js";
import type { MemberEvidence } from "../../evidence/proof-result.js";
import type { Cell } from "../cell.js";
import type { ConsumerClients } from "../consumer-clients.js";
import type { ConsumerSpec } from "../consumer.js";
import type { Timeline } from "../timeline.js";
import { HostLink } from "./host-link.js";
import { HostProcess, type HostLocation } from "./host-process.js";
import { JavaConsumer, type HostSeat } from "./java-consumer.js";

/** The run's shared consumer host, as the global setup hands it to every worker. */
export interface JavaHostEndpoint extends HostLocation {
  port: number;
  /** The host accepts only connections that first send this line. */
  secret: string;
}

/**
 * Java consumers for one scenario: all but the crashable ones share one
 * session of the run's host (one JVM for the whole run); a crashable one gets
 * a JVM of its own, killed to crash it. Groups of the consumer protocol are
 * described by Kafka's Admin client in the host, as kafkajs knows only the classic protocol.
 */
export class JavaClients implements ConsumerClients {
  private shared: Promise<{ link: HostLink; close(): void }> | undefined;
  private readonly own = new Set<HostProcess>();

  constructor(
    readonly cell: Cell,
    private readonly broker: BrokerInfo,
    private readonly endpoint: JavaHostEndpoint,
  ) {}

  consumer(spec: ConsumerSpec, timeline: Timeline): JavaConsumer {
    const settings = { bootstrapServers: this.broker.bootstrapServers, protocol: this.cell.protocol };
    return new JavaConsumer(spec, timeline, settings, (s) => (s.crashable ? this.ownSeat(s) : this.sharedSeat()));
  }

  get describeGroup(): ((groupId: string) => Promise<{ state: string; members: MemberEvidence[] }>) | undefined {
    if (this.cell.protocol !== "consumer") return undefined;
    return async (groupId) => {
      const { link } = await this.session();
      const answer = await link.request("describe", { bootstrap: this.broker.bootstrapServers.join(","), groupId });
      const members = (answer.members as MemberEvidence[]).sort((a, b) => a.clientId.localeCompare(b.clientId));
      return { state: answer.state as string, members };
    };
  }

  private session(): Promise<{ link: HostLink; close(): void }> {
    return (this.shared ??= new Promise((resolve, reject) => {
      const socket = connect({ host: "127.0.0.1", port: this.endpoint.port }, () => {
        socket.write(`${this.endpoint.secret}\n`);
        resolve({ link: new HostLink(socket, socket, "the Java consumer host"), close: () => socket.end() });
      });
      socket.once("error", reject);
    }));
  }

  private async sharedSeat(): Promise<HostSeat> {
    return { link: (await this.session()).link };
  }

  private async ownSeat(spec: ConsumerSpec): Promise<HostSeat> {
    const jvm = new HostProcess(this.endpoint, "stdio", process.env);
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
