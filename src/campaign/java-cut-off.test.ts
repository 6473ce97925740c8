import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { checkJava } from "../broker/native/java.js";
import { ensureKafkaJars } from "../broker/native/kafka-jars.js";
import { compiledHost } from "../harness/java/host-process.js";
import { kafkaVersionFrom } from "../kafka-version.js";
import { JavaHost } from "./campaign-clients.js";

/**
 * A JVM of Kafka's Java clients started severable: its consumer keeps connecting to a bootstrap address (here a
 * server that accepts and answers nothing, so the client keeps trying); severed, its connections are reset and no
 * new one is made; restored, it connects again. No broker is needed to see the cable pulled and plugged back.
 */
let server: Server;
let host: JavaHost;
const accepted: Socket[] = [];
const ended: string[] = [];

beforeAll(async () => {
  server = createServer((socket) => {
    accepted.push(socket);
    socket.on("error", (error: NodeJS.ErrnoException) => ended.push(error.code ?? "error"));
    socket.on("close", () => ended.push("close"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { java, major } = await checkJava(process.env);
  const libs = await ensureKafkaJars({ version: kafkaVersionFrom(process.env), env: process.env });
  const location = { java, javaMajor: major, libs, classes: await compiledHost(java, major, libs, process.env) };
  host = await JavaHost.start(location, "a severable JVM", true);
}, 120_000);

afterAll(async () => {
  await host?.kill();
  for (const socket of accepted) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

it("resets its connections, lets none through while severed, not even a new client's, and lets new ones through once restored", async () => {
  const bootstrap = `127.0.0.1:${(server.address() as { port: number }).port}`;
  // A client that never hears back retries in its own time; a new one connects at once: each phase starts one.
  const consumer = (name: string) =>
    host.link.request("create", {
      consumer: name,
      bootstrap,
      groupId: "g",
      protocol: "classic",
      topics: ["t"],
      reset: "earliest",
      offsetsOnly: false,
      readUncommitted: false,
      sessionTimeoutMs: 6_000,
      heartbeatIntervalMs: 250,
    });
  await consumer("C1");
  await expect.poll(() => accepted.filter((s) => !s.destroyed).length, { timeout: 20_000 }).toBeGreaterThan(0);
  const { reset } = await host.link.request("sever", {});
  expect(reset).toBeGreaterThan(0);
  // An RST, not a goodbye: the server's side of each connection fails with ECONNRESET.
  await expect.poll(() => ended.filter((e) => e === "ECONNRESET").length, { timeout: 5_000 }).toBeGreaterThan(0);
  const connectionsWhenCut = accepted.length;
  await consumer("C2");
  // C1 retries within its backoff (50 ms to 1 s) and C2 tries at once: two seconds give them many tries.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  expect(accepted.length).toBe(connectionsWhenCut);
  await host.link.request("restore", {});
  await consumer("C3");
  await expect.poll(() => accepted.length, { timeout: 10_000 }).toBeGreaterThan(connectionsWhenCut);
}, 60_000);
