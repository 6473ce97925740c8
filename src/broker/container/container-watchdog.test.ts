import { describe, expect, it } from "vitest";
import { engineAddress } from "./container-watchdog.js";

describe("engineAddress", () => {
  it("reads a unix socket, as for Docker's default and podman's service", () => {
    expect(engineAddress({ socketPath: "/tmp/p/podman.sock", host: undefined })).toEqual({ socketPath: "/tmp/p/podman.sock" });
  });

  it("reads a tcp engine, with its TLS material when it uses https", () => {
    expect(engineAddress({ host: "10.0.0.5", port: "2375", protocol: "http" })).toEqual({ host: "10.0.0.5", port: 2375 });
    expect(engineAddress({ host: "docker", port: 2376, protocol: "https", ca: Buffer.from("CA"), cert: "CERT", key: "KEY" })).toEqual({
      host: "docker",
      port: 2376,
      tls: { ca: "CA", cert: "CERT", key: "KEY" },
    });
  });

  it("gives up on engines only testcontainers can reach (ssh) or that it cannot read", () => {
    expect(engineAddress({ host: "remote", port: 22, protocol: "ssh" })).toBeUndefined();
    expect(engineAddress({ host: "remote" })).toBeUndefined();
    expect(engineAddress({})).toBeUndefined();
  });
});
