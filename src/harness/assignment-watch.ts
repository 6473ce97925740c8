import type { AssignmentObservation, GroupAssignment, ObservedMember, TopicPartitionRef } from "../evidence/proof-result.js";
import type { BrokerWitness, DescribedGroup } from "./broker-witness.js";
import type { Timeline } from "./timeline.js";

/**
 * Samples the broker's description of some groups every `intervalMs` and
 * records what it says as `assignment` events: the assignment timeline. A
 * sample that says what the group's previous one said extends that
 * observation (its `lastAt` and `samples`) instead of adding an event, so a
 * long watch stays short while the count of samples shows how closely it
 * looked. Runs until stopped.
 */
export class AssignmentWatch {
  private stopped = false;
  private readonly loop: Promise<void>;
  private started = 0;
  private done = 0;
  private waiting: { round: number; resolve: () => void }[] = [];
  /** Each group's latest observation, what it said, and its summary as first recorded. */
  private readonly standing = new Map<string, { event: AssignmentObservation; said: string; summary: string }>();

  constructor(
    private readonly witness: BrokerWitness,
    groups: () => Iterable<[label: string, groupId: string]>,
    private readonly timeline: Timeline,
    intervalMs = 50,
  ) {
    this.loop = (async () => {
      while (!this.stopped) {
        this.started += 1;
        for (const [label, groupId] of groups()) await this.sample(label, groupId);
        this.done += 1;
        this.release((w) => w.round <= this.done);
        // A poll interval, not a wait for a condition: the watch samples until told to stop.
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
      this.release(() => true);
    })();
  }

  /**
   * Resolves once every group has been asked again, all in a round begun after
   * this call: what the broker said of whatever the scenario just waited for is on
   * the timeline, however long each answer takes. At once if the watch has stopped.
   */
  nextRound(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const round = this.started + 1;
    return new Promise((resolve) => this.waiting.push({ round, resolve }));
  }

  private release(due: (w: { round: number }) => boolean): void {
    for (const w of this.waiting.filter(due)) w.resolve();
    this.waiting = this.waiting.filter((w) => !due(w));
  }

  private async sample(label: string, groupId: string): Promise<void> {
    // A describe that fails (the coordinator moving, a group not yet made) is a sample not taken, not an observation.
    const group = await this.witness.describeGroupInDetail(groupId).catch(() => undefined);
    if (!group || (group.state === "Dead" && group.members.length === 0)) return;
    const at = this.timeline.now();
    const observed = observation(label, group);
    const said = JSON.stringify(observed);
    const standing = this.standing.get(label);
    if (standing?.said === said) {
      standing.event.lastAt = at;
      standing.event.samples += 1;
      standing.event.summary = `${standing.summary} (the same in ${standing.event.samples} answers, to +${at} ms)`;
      return;
    }
    const line = summary(observed);
    this.timeline.record("assignment", "broker", line, { ...observed, lastAt: at, samples: 1 });
    this.standing.set(label, { event: this.timeline.events.at(-1) as AssignmentObservation, said, summary: line });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }
}

function observation(label: string, group: DescribedGroup): GroupAssignment {
  const members: ObservedMember[] = group.members.map((m) => ({
    consumer: m.clientId,
    memberId: m.memberId,
    owns: m.assignment,
    ...(m.memberEpoch === undefined ? {} : { memberEpoch: m.memberEpoch }),
    ...(m.targetAssignment === undefined ? {} : { target: m.targetAssignment }),
  }));
  const epochs = {
    ...(group.groupEpoch === undefined ? {} : { groupEpoch: group.groupEpoch }),
    ...(group.assignmentEpoch === undefined ? {} : { assignmentEpoch: group.assignmentEpoch }),
  };
  return { group: label, state: group.state, protocol: group.protocol, ...(group.assignor ? { assignor: group.assignor } : {}), ...epochs, members };
}

/** "broker: group A is Reconciling (epoch 3): A1 owns p0,p1 (target p0), A2 owns p2": one line a reader follows. */
function summary(o: GroupAssignment): string {
  const partitions = (list: readonly TopicPartitionRef[]) => list.map((p) => `p${p.partition}`).join(",") || "nothing";
  const same = (a: readonly TopicPartitionRef[], b: readonly TopicPartitionRef[]) => partitions(a) === partitions(b);
  const members = o.members.map((m) => {
    const epoch = m.memberEpoch === undefined ? "" : ` at epoch ${m.memberEpoch}`;
    const target = m.target === undefined || same(m.target, m.owns) ? "" : ` (target ${partitions(m.target)})`;
    return `${m.consumer}${epoch} owns ${partitions(m.owns)}${target}`;
  });
  const epoch = o.groupEpoch === undefined ? "" : ` (epoch ${o.groupEpoch})`;
  return `broker: group ${o.group} is ${o.state}${epoch}: ${members.join("; ") || "no members"}`;
}
