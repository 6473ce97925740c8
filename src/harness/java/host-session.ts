import { connect } from "node:net";
import { HostLink } from "./host-link.js";
import type { HostLocation } from "./host-process.js";

/** The run's shared consumer host, as the global setup hands it to every worker. */
export interface JavaHostEndpoint extends HostLocation {
  port: number;
  /** The host accepts only connections that first send this line. */
  secret: string;
}

/** A session of the run's host: its link, and how to end it (which closes the session's consumers). */
export interface HostSession {
  link: HostLink;
  close(): void;
}

/** Opens a session of the run's host over loopback, presenting the run's secret first. */
export function openHostSession(endpoint: JavaHostEndpoint): Promise<HostSession> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port: endpoint.port }, () => {
      socket.write(`${endpoint.secret}\n`);
      resolve({ link: new HostLink(socket, socket, "the Java consumer host"), close: () => socket.end() });
    });
    socket.once("error", reject);
  });
}

/** The run's Java host as a scenario reaches it, or why the run has none. */
export type HostAccess = { endpoint: JavaHostEndpoint } | { absent: string };

/**
 * A scenario's one session of the run's host, opened on first use by whatever needs it (share
 * consumers, bulk writes); the scenario closes it, after what runs in it has stopped.
 */
export class ScenarioHostSession {
  private session: Promise<HostSession> | undefined;

  constructor(readonly access: HostAccess) {}

  get available(): boolean {
    return "endpoint" in this.access;
  }

  /** The session's link; `needs` says what needs the host, for the error when the run has none. */
  async link(needs: string): Promise<HostLink> {
    if ("absent" in this.access) throw new Error(`${needs}, run by the run's Java consumer host, and this run has none: ${this.access.absent}`);
    return (await (this.session ??= openHostSession(this.access.endpoint))).link;
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    (await session?.catch(() => undefined))?.close();
  }
}
