import { expect, it } from "vitest";
import type { NativeBroker } from "../broker/native/native-broker.js";
import { RestartRounds } from "./restart-rounds.js";

/** A stand-in for the broker: it records its starts, restarts and stop. */
function standIn() {
  const log: string[] = [];
  const broker = {
    bootstrapServers: ["127.0.0.1:9"],
    kafkaVersion: "4.4.0",
    mode: "native",
    async restart({ freshStorage = false } = {}) {
      log.push(freshStorage ? "restart fresh" : "restart");
      await new Promise((resolve) => setTimeout(resolve, 5));
    },
    async stop() {
      log.push("stop");
    },
    [Symbol.asyncDispose]: async () => undefined,
  } satisfies NativeBroker;
  const start = async () => {
    log.push("start");
    return broker;
  };
  return { log, start };
}

it("starts one broker for every seat, and restarts it once for all who wait", async () => {
  const { log, start } = standIn();
  const rounds = new RestartRounds(start);
  const [a, b] = await Promise.all([rounds.seat(), rounds.seat()]);
  const restarts = [a.restart(), b.restart()];
  await Promise.all(restarts);
  a.leave();
  b.leave();
  await rounds.close();
  expect(log).toEqual(["start", "restart", "stop"]);
});

it("waits for every seated scenario: one still at work holds the restart back", async () => {
  const { log, start } = standIn();
  const rounds = new RestartRounds(start);
  const [a, b] = [await rounds.seat(), await rounds.seat()];
  let restarted = false;
  const waiting = a.restart().then(() => (restarted = true));
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(restarted).toBe(false);
  // b finishes without restarting: a's restart goes ahead alone
  b.leave();
  await waiting;
  expect(log).toEqual(["start", "restart"]);
  a.leave();
  await rounds.close();
});

it("restarts on the same storage first, and on fresh storage only when all who wait ask for it", async () => {
  const { log, start } = standIn();
  const rounds = new RestartRounds(start);
  const [claim, control] = [await rounds.seat(), await rounds.seat()];
  const order: string[] = [];
  const fresh = control.restart({ freshStorage: true }).then((outcome) => (order.push("control restarted"), outcome));
  expect(await claim.restart().then((outcome) => (order.push("claim restarted"), outcome))).toEqual({ sameStorageFirst: 0 });
  // the control still waits: the claim is seated and at work again
  expect(order).toEqual(["claim restarted"]);
  claim.leave();
  // and it is told of the claim's restart, which its broker went through while it waited
  expect(await fresh).toEqual({ sameStorageFirst: 1 });
  expect(order).toEqual(["claim restarted", "control restarted"]);
  expect(log).toEqual(["start", "restart", "restart fresh"]);
  control.leave();
  await rounds.close();
});

it("gives no seat while a restart is under way", async () => {
  const { log, start } = standIn();
  const rounds = new RestartRounds(start);
  const a = await rounds.seat();
  const restart = a.restart();
  const late = rounds.seat().then((seat) => {
    log.push("seated");
    return seat;
  });
  await restart;
  const b = await late;
  expect(log).toEqual(["start", "restart", "seated"]);
  a.leave();
  b.leave();
  await rounds.close();
});

it("fails the waiting scenarios when the restart fails, and stops nothing it never started", async () => {
  const stopped: string[] = [];
  const failing = {
    bootstrapServers: ["127.0.0.1:9"],
    kafkaVersion: "4.4.0",
    mode: "native",
    restart: () => Promise.reject(new Error("port taken")),
    stop: async () => void stopped.push("stop"),
    [Symbol.asyncDispose]: async () => undefined,
  } satisfies NativeBroker;
  const rounds = new RestartRounds(async () => failing);
  const a = await rounds.seat();
  await expect(a.restart()).rejects.toThrow("port taken");
  a.leave();
  await rounds.close();
  expect(stopped).toEqual(["stop"]);
  await new RestartRounds(() => Promise.reject(new Error("never"))).close();
});
