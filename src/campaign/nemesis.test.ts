import { describe, expect, it } from "vitest";
import type { NativeCluster } from "../broker/native/native-cluster.js";
import type { CampaignMember } from "./campaign-clients.js";
import { HistoryRecorder, operation } from "./history.js";
import { Nemesis } from "./nemesis.js";
import type { Schedule } from "./schedule.js";

/** A cluster that only says what was done to it: nodes 1–3, each running until killed or paused. */
function fakeCluster(done: string[]) {
  const down = new Set<number>();
  const paused = new Set<number>();
  const cluster = {
    nodes: [1, 2, 3].map((nodeId) => ({ nodeId, address: `127.0.0.1:${nodeId}` })),
    bootstrapServers: [],
    killNode: async (n: number) => void (down.add(n), done.push(`kill ${n}`)),
    restartNode: async (n: number) => void (down.delete(n), done.push(`restart ${n}`)),
    pauseNode: (n: number) => void (paused.add(n), done.push(`pause ${n}`)),
    resumeNode: (n: number) => void (paused.delete(n), done.push(`resume ${n}`)),
    isRunning: (n: number) => !down.has(n),
    isPaused: (n: number) => paused.has(n),
  };
  return cluster as unknown as NativeCluster;
}

function fakeMember(name: string, done: string[]): CampaignMember {
  let running = true;
  return {
    name,
    group: "G",
    kind: "java",
    get isRunning() {
      return running;
    },
    start: async () => void ((running = true), done.push(`start ${name}`)),
    stop: async () => void ((running = false), done.push(`stop ${name}`)),
    crash: async () => void ((running = false), done.push(`crash ${name}`)),
  };
}

describe("Nemesis", () => {
  it("carries out each lane in order, records every step with its node, and refuses a role no live node plays", async () => {
    const done: string[] = [];
    const history = new HistoryRecorder();
    let now = 0;
    const schedule: Schedule = {
      seed: 1,
      duration: 10,
      steps: [
        { step: 0, at: 0, action: "kill-broker", target: { role: "node", nodeId: 2 } },
        { step: 1, at: 0, action: "kill-consumer", consumer: "J1" },
        { step: 2, at: 1, action: "pause-broker", target: { role: "node", nodeId: 2 } },
        { step: 3, at: 2, action: "restart-broker", recovers: 0 },
        { step: 4, at: 3, action: "start-consumer", recovers: 1 },
        { step: 5, at: 4, action: "resume-broker", recovers: 2 },
        { step: 6, at: 10, action: "heal" },
      ],
    };
    const nemesis = new Nemesis(fakeCluster(done), new Map([["J1", fakeMember("J1", done)]]), history, () => now++);
    await nemesis.run(schedule);
    // The two lanes run side by side: each in its own order.
    expect(done.filter((d) => /^(kill|restart|pause|resume) /.test(d))).toEqual(["kill 2", "restart 2"]);
    expect(done.filter((d) => / J1$/.test(d))).toEqual(["crash J1", "start J1"]);
    expect([...nemesis.applied].sort((a, b) => a.step - b.step).map((a) => [a.step, a.node ?? null, a.applied, a.reason ?? null])).toEqual([
      [0, 2, true, null],
      [1, null, true, null],
      [2, null, false, "node 2 is down"],
      [3, 2, true, null],
      [4, null, true, null],
      [5, null, false, "step 2 took no node down"],
    ]);
    const faults = history.columns();
    const recorded = Array.from({ length: faults.length }, (_, i) => operation(faults, i)).map((op) => (op.kind === "fault" ? [op.step, op.node, op.applied] : op.kind));
    expect(recorded.sort((a, b) => Number((a as number[])[0]) - Number((b as number[])[0]))).toEqual([
      [0, 2, true],
      [1, -1, true],
      [2, -1, false],
      [3, 2, true],
      [4, -1, true],
      [5, -1, false],
    ]);
  });

  it("heals: continues a paused node, restarts a killed one, starts a member that is down", async () => {
    const done: string[] = [];
    const cluster = fakeCluster(done);
    const member = fakeMember("S1", done);
    await cluster.killNode(1);
    cluster.pauseNode(3);
    await member.crash();
    await new Nemesis(cluster, new Map([["S1", member]]), new HistoryRecorder(), () => 0).heal();
    expect(done).toEqual(["kill 1", "pause 3", "crash S1", "restart 1", "resume 3", "start S1"]);
  });
});
