import { connect, isIP, type Socket } from "node:net";
import { connect as connectTls } from "node:tls";
import type { ISocketFactory } from "kafkajs";

/**
 * A kafkajs socket factory whose connections can all be cut at once, as a
 * crashed process or a pulled cable would cut them: no LeaveGroup is sent, no
 * offsets are committed on the way out, and every later connection attempt
 * fails. The broker learns of the member's death only when its session times out.
 */
export class SeverableConnections {
  private readonly sockets = new Set<Socket>();
  private severed = false;

  readonly factory: ISocketFactory = ({ host, port, ssl, onConnect }) => {
    const socket: Socket = ssl ? connectTls({ host, port, ...(isIP(host) ? {} : { servername: host }), ...ssl }, onConnect) : connect({ host, port }, onConnect);
    if (this.severed) {
      socket.destroy(new Error("connection severed: this client has crashed"));
      return socket;
    }
    this.sockets.add(socket);
    socket.once("close", () => this.sockets.delete(socket));
    return socket;
  };

  /** Destroys every open connection and refuses new ones. */
  sever(): void {
    this.severed = true;
    // With an error, so the client fails its in-flight requests at once instead of waiting out their timeouts.
    for (const socket of this.sockets) socket.destroy(new Error("connection severed: this client has crashed"));
    this.sockets.clear();
  }

  /** Lets new connections through again, as a cable plugged back in: the client reconnects by itself, if it has not given up. */
  restore(): void {
    this.severed = false;
  }
}
