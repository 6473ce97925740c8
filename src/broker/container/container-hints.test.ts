import { describe, expect, it } from "vitest";
import { containerStartHint, engineMissingHint } from "./container-hints.js";

describe("containerStartHint", () => {
  it("says to build the local image when it is not in the engine's store", () => {
    const hint = containerStartHint("localhost/kafka-consumer-group-proofs:4.4.0", new Error("(HTTP code 404) no such image"));
    expect(hint).toContain("npm run kafka:image");
  });

  it("says the pull failed for a registry image", () => {
    expect(containerStartHint("apache/kafka:4.4.0", new Error("pull access denied for apache/kafka"))).toContain("could not pull apache/kafka:4.4.0");
  });

  it("tells a port race and a slow start apart from the rest", () => {
    expect(containerStartHint("i", new Error("listen tcp 0.0.0.0:4000: bind: address already in use"))).toContain("run again");
    expect(containerStartHint("i", new Error('Log message "Kafka Server started" not received after 120000ms'))).toContain("last lines");
    expect(containerStartHint("i", new Error('Log stream ended and message "Kafka Server started" was not received'))).toContain("exited before it was ready");
    expect(containerStartHint("i", new Error("something else"))).toContain("KAFKA_MODE=native");
  });
});

describe("engineMissingHint", () => {
  it("offers Docker, podman's service with the local image, and native mode", () => {
    const hint = engineMissingHint();
    expect(hint).toContain("Start Docker");
    expect(hint).toContain("scripts/podman-service.sh start");
    expect(hint).toContain("KAFKA_MODE=native");
  });
});
