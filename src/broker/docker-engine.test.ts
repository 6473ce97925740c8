import { createServer, type Server } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { dockerAnswers, dockerEndpoint } from "./docker-engine.js";

describe("dockerEndpoint", () => {
  it("defaults to the standard socket", () => {
    expect(dockerEndpoint(undefined)).toEqual({ socketPath: "/var/run/docker.sock" });
  });

  it("reads unix and tcp DOCKER_HOST values", () => {
    expect(dockerEndpoint("unix:///run/user/0/podman/podman.sock")).toEqual({ socketPath: "/run/user/0/podman/podman.sock" });
    expect(dockerEndpoint("tcp://127.0.0.1:2375")).toEqual({ host: "127.0.0.1", port: 2375 });
  });

  it("skips engines it cannot ask without the docker CLI", () => {
    expect(dockerEndpoint("ssh://user@host")).toBeUndefined();
  });
});

describe("dockerAnswers", () => {
  let server: Server | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (dir) await rm(dir, { recursive: true, force: true });
    server = undefined;
  });

  async function engineOnSocket(status: number): Promise<string> {
    dir = await mkdtemp(join(tmpdir(), "docker-test-"));
    const socketPath = join(dir, "engine.sock");
    server = createServer((req, res) => {
      res.statusCode = req.url === "/_ping" ? status : 404;
      res.end("OK");
    });
    await new Promise<void>((resolve) => server!.listen(socketPath, resolve));
    return socketPath;
  }

  it("is true when /_ping answers 200", async () => {
    expect(await dockerAnswers({ socketPath: await engineOnSocket(200) })).toBe(true);
  });

  it("is false when the engine answers with an error", async () => {
    expect(await dockerAnswers({ socketPath: await engineOnSocket(500) })).toBe(false);
  });

  it("is false when nothing listens", async () => {
    expect(await dockerAnswers({ socketPath: join(tmpdir(), "no-such-engine.sock") })).toBe(false);
    expect(await dockerAnswers(undefined)).toBe(false);
  });
});
