import type { BrokerWitness } from "./broker-witness.js";
import type { Timeline } from "./timeline.js";

export interface Owner {
  group: string;
  consumer: string;
  topic: string;
  partition: number;
}

/**
 * Samples the broker's description of some groups and records each change of
 * who owns which partition as an "observe" event (role "assignments"): the
 * assignment timeline. Runs until stopped.
 */
export class AssignmentWatch {
  private stopped = false;
  private readonly loop: Promise<void>;

  constructor(witness: BrokerWitness, groups: () => Iterable<[label: string, groupId: string]>, timeline: Timeline, intervalMs = 50) {
    this.loop = (async () => {
      let last = "";
      while (!this.stopped) {
        const owners: Owner[] = [];
        const states: Record<string, string> = {};
        for (const [label, groupId] of groups()) {
          const group = await witness.describeGroup(groupId).catch(() => undefined);
          if (!group) continue;
          states[label] = group.state;
          for (const m of group.members) for (const a of m.assignment) owners.push({ group: label, consumer: m.clientId, ...a });
        }
        const key = JSON.stringify(owners);
        if (key !== last) {
          last = key;
          const text = owners.map((o) => `${o.consumer}:p${o.partition}`).join(" ") || "nobody owns anything";
          timeline.record("observe", "broker", `broker: assignment ${text}`, { role: "assignments", owners, states });
        }
        // A poll interval, not a wait for a condition: the watch samples until told to stop.
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }
}
