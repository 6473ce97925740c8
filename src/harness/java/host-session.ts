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
