import { describe, expect, it } from "vitest";
import { ConfigError } from "./errors.js";
import { javaClientVersion, KAFKA_VERSION, kafkaAtLeast, kafkaLine, kafkaVersionFrom } from "./kafka-version.js";

describe("kafkaVersionFrom", () => {
  it("runs the pinned release unless told otherwise", () => {
    expect(kafkaVersionFrom({})).toBe(KAFKA_VERSION);
    expect(kafkaVersionFrom({ KAFKA_VERSION: " " })).toBe(KAFKA_VERSION);
  });

  it("takes KAFKA_VERSION when it is a release in the supported range", () => {
    expect(kafkaVersionFrom({ KAFKA_VERSION: "4.2.1" })).toBe("4.2.1");
    expect(kafkaVersionFrom({ KAFKA_VERSION: "4.0.0" })).toBe("4.0.0");
    expect(kafkaVersionFrom({ KAFKA_VERSION: "3.9.2" })).toBe("3.9.2");
  });

  it("refuses anything else, naming the value and the way out", () => {
    expect(() => kafkaVersionFrom({ KAFKA_VERSION: "latest" })).toThrowError(ConfigError);
    expect(() => kafkaVersionFrom({ KAFKA_VERSION: "latest" })).toThrowError(/KAFKA_VERSION="latest".*\n.*unset KAFKA_VERSION/);
  });

  it("refuses a release outside the supported range at once, listing the range", () => {
    for (const version of ["3.8.1", "3.10.0", "2.8.2", "5.0.0"]) {
      expect(() => kafkaVersionFrom({ KAFKA_VERSION: version })).toThrowError(ConfigError);
      expect(() => kafkaVersionFrom({ KAFKA_VERSION: version })).toThrowError(
        new RegExp(`KAFKA_VERSION="${version.replaceAll(".", "\\.")}" is outside the supported range: Apache Kafka 3\\.9\\.x or 4\\.x\\.\\n.*unset KAFKA_VERSION`),
      );
    }
  });
});

describe("kafkaLine", () => {
  it("puts every 3.9 release on one line and every 4.x on another", () => {
    expect(kafkaLine("3.9.0")).toBe("3.9");
    expect(kafkaLine("3.9.2")).toBe("3.9");
    expect(kafkaLine("4.0.0")).toBe("4");
    expect(kafkaLine(KAFKA_VERSION)).toBe("4");
    expect(kafkaLine("3.8.0")).toBeUndefined();
    expect(kafkaLine("4.4")).toBeUndefined();
  });
});

describe("javaClientVersion", () => {
  it("runs the broker's own client on Kafka 4, and the pinned one on 3.9 and on a cluster of unknown release", () => {
    expect(javaClientVersion("4.1.1")).toBe("4.1.1");
    expect(javaClientVersion("3.9.2")).toBe(KAFKA_VERSION);
    // A cluster whose release is not known: the pinned client, which speaks to every broker from 2.1.
    expect(javaClientVersion("unknown")).toBe(KAFKA_VERSION);
  });
});

describe("kafkaAtLeast", () => {
  it("compares releases part by part, as numbers", () => {
    expect(kafkaAtLeast("4.4.0", "4.2.0")).toBe(true);
    expect(kafkaAtLeast("4.2.0", "4.2.0")).toBe(true);
    expect(kafkaAtLeast("4.1.9", "4.2.0")).toBe(false);
    expect(kafkaAtLeast("3.9.2", "4.0.0")).toBe(false);
    expect(kafkaAtLeast("4.10.0", "4.2.0")).toBe(true);
  });

  it("cannot say for a version that is no release number, and refuses a minimum that is none", () => {
    expect(kafkaAtLeast("unknown", "4.2.0")).toBeUndefined();
    expect(() => kafkaAtLeast("4.4.0", "4.2")).toThrow('"4.2" is not a Kafka release number (major.minor.patch)');
  });
});
