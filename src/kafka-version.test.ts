import { describe, expect, it } from "vitest";
import { ConfigError } from "./errors.js";
import { KAFKA_VERSION, kafkaVersionFrom } from "./kafka-version.js";

describe("kafkaVersionFrom", () => {
  it("runs the pinned release unless told otherwise", () => {
    expect(kafkaVersionFrom({})).toBe(KAFKA_VERSION);
    expect(kafkaVersionFrom({ KAFKA_VERSION: " " })).toBe(KAFKA_VERSION);
  });

  it("takes KAFKA_VERSION when it is a release number", () => {
    expect(kafkaVersionFrom({ KAFKA_VERSION: "4.2.1" })).toBe("4.2.1");
  });

  it("refuses anything else, naming the value and the way out", () => {
    expect(() => kafkaVersionFrom({ KAFKA_VERSION: "latest" })).toThrowError(ConfigError);
    expect(() => kafkaVersionFrom({ KAFKA_VERSION: "latest" })).toThrowError(/KAFKA_VERSION="latest".*\n.*unset KAFKA_VERSION/);
  });
});
