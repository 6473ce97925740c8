import { describe, expect, it } from "vitest";
import { imageAlias, imageChanges, imageName, ROOTFS } from "./image-recipe.js";

describe("imageName", () => {
  const inputs = { version: "4.4.0", entrypoint: "#!/bin/sh\nexec java kafka.Kafka\n", log4j: "status = warn\n" };

  it("is a local name carrying the Kafka version and a hash of what went in", () => {
    expect(imageName(inputs)).toMatch(/^localhost\/kafka-consumer-group-proofs:4\.4\.0-[0-9a-f]{12}$/);
    expect(imageName(inputs)).toBe(imageName({ ...inputs }));
  });

  it("changes with the entry point, the log configuration or the version, so a stale image is never reused", () => {
    const names = new Set([
      imageName(inputs),
      imageName({ ...inputs, entrypoint: `${inputs.entrypoint}# changed\n` }),
      imageName({ ...inputs, log4j: "status = info\n" }),
      imageName({ ...inputs, version: "4.3.1" }),
    ]);
    expect(names.size).toBe(4);
  });

  it("has a short alias per version", () => {
    expect(imageAlias("4.4.0")).toBe("localhost/kafka-consumer-group-proofs:4.4.0");
  });
});

describe("the recipe", () => {
  it("uses a Java 17+ runtime, which Kafka 4 brokers need", () => {
    const jre = ROOTFS.packages.map((name) => /^openjdk-(\d+)-jre/.exec(name)?.[1]).find(Boolean);
    expect(Number(jre)).toBeGreaterThanOrEqual(17);
  });

  it("runs the entry point as an unprivileged user", () => {
    expect(imageChanges("4.4.0")).toContain("USER 65534:65534");
    expect(imageChanges("4.4.0").some((change) => change.startsWith("ENTRYPOINT ["))).toBe(true);
  });
});
