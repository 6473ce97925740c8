import { describe, expect, it, vi } from "vitest";
import { ConfigError } from "../errors.js";
import { startBroker } from "./start-broker.js";
import { parseModeChoice, selectMode } from "./select-mode.js";

describe("parseModeChoice", () => {
  it("reads the four modes, case and spaces aside; unset is auto", () => {
    expect(parseModeChoice(undefined)).toBe("auto");
    expect(parseModeChoice("")).toBe("auto");
    expect(parseModeChoice(" Native ")).toBe("native");
    expect(parseModeChoice("container")).toBe("container");
    expect(parseModeChoice("external")).toBe("external");
  });

  it("rejects an unknown mode and lists the valid ones", () => {
    expect(() => parseModeChoice("docker")).toThrowError(ConfigError);
    expect(() => parseModeChoice("docker")).toThrowError('KAFKA_MODE="docker" is not a mode we know.\n  → Set KAFKA_MODE to one of: auto, native, container, external');
  });
});

describe("selectMode", () => {
  const docker = (answers: boolean) => vi.fn(async () => answers);

  it("auto: external when KAFKA_BROKERS is set, without asking Docker", async () => {
    const dockerAnswers = docker(true);
    expect(await selectMode({ choice: "auto", hasExternalBrokers: true, dockerAnswers })).toBe("external");
    expect(dockerAnswers).not.toHaveBeenCalled();
  });

  it("auto: container when a Docker engine answers, native otherwise", async () => {
    expect(await selectMode({ choice: "auto", hasExternalBrokers: false, dockerAnswers: docker(true) })).toBe("container");
    expect(await selectMode({ choice: "auto", hasExternalBrokers: false, dockerAnswers: docker(false) })).toBe("native");
  });

  it("an explicit choice wins, and Docker is not asked", async () => {
    const dockerAnswers = docker(true);
    expect(await selectMode({ choice: "native", hasExternalBrokers: true, dockerAnswers })).toBe("native");
    expect(await selectMode({ choice: "container", hasExternalBrokers: false, dockerAnswers })).toBe("container");
    expect(dockerAnswers).not.toHaveBeenCalled();
  });

  it("external without KAFKA_BROKERS says what to set", async () => {
    await expect(selectMode({ choice: "external", hasExternalBrokers: false, dockerAnswers: docker(false) })).rejects.toThrowError(/KAFKA_BROKERS is not set/);
  });
});

describe("startBroker", () => {
  it("stops at an unknown KAFKA_MODE before starting anything", async () => {
    await expect(startBroker({ KAFKA_MODE: "kraft" }, () => undefined)).rejects.toThrowError(/one of: auto, native, container, external/);
  });

  it("stops at a malformed KAFKA_VERSION before starting anything", async () => {
    await expect(startBroker({ KAFKA_MODE: "native", KAFKA_VERSION: "4.x" }, () => undefined)).rejects.toThrowError(ConfigError);
  });
});
