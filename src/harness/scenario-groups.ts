import { formatCommitted } from "../checks/evidence-queries.js";
import type { MemberEvidence, ProducedMessage } from "../evidence/proof-result.js";
import type { CommittedReading, GroupRef } from "../evidence/refs.js";
import { AssignmentWatch } from "./assignment-watch.js";
import type { BrokerWitness } from "./broker-witness.js";
import type { ClusterActions } from "./cluster-actions.js";
import type { GroupConsumer } from "./consumer.js";
import { partitionsBehind } from "./partitions-behind.js";
import type { Timeline } from "./timeline.js";
import { waitFor } from "./wait.js";

/** How long a reading on a cluster waits for a group's coordinator to be a live node before recording that there is none. */
const UNAVAILABLE_WITHIN_MS = 10_000;

/** What the groups facet is given by its scenario. */
export interface ScenarioGroupsContext {
  /** Read at each use: a broker restarted on fresh storage gives the scenario a new witness. */
  witness: () => BrokerWitness;
  timeline: Timeline;
  /** The scenario's consumer groups, by label, with this run's id of each. */
  groupIds: () => ReadonlyMap<string, string>;
  groupId: (ref: GroupRef) => string;
  /** Every consumer of the scenario, of every group, in the order made. */
  consumers: () => readonly GroupConsumer[];
  topics: () => readonly string[];
  produced: () => readonly ProducedMessage[];
  /** The scenario's own cluster, whose groups may have lost their coordinator. */
  cluster: ClusterActions | undefined;
}

/**
 * The scenario's consumer groups as the broker sees them: waits for a group to
 * receive, catch up, drain or settle; the assignment timeline; and readings of
 * who is in a group and what it has committed, each recorded on the timeline.
 */
export class ScenarioGroups {
  private readings = 0;
  private assignmentWatch: AssignmentWatch | undefined;

  constructor(private readonly context: ScenarioGroupsContext) {}

  /** The consumers of one group. */
  membersOf(ref: GroupRef): GroupConsumer[] {
    const groupId = this.context.groupId(ref);
    return this.context.consumers().filter((c) => c.spec.groupId === groupId);
  }

  /**
   * Waits until each of these groups, all its members together, has received
   * every message produced so far (counting distinct partition/offset pairs).
   */
  async waitUntilReceivedAll(groups: readonly GroupRef[], timeoutMs = 10_000): Promise<void> {
    const wanted = this.context.produced().length;
    for (const ref of uniqueGroups(groups)) {
      await waitFor(
        `group ${ref.group} to receive all ${wanted} produced messages`,
        (note) => {
          const distinct = new Set(this.membersOf(ref).flatMap((c) => c.received.map((m) => `${m.topic}/${m.partition}@${m.offset}`))).size;
          note(`${distinct} distinct received`);
          return distinct >= wanted ? true : undefined;
        },
        { timeoutMs },
      );
    }
  }

  /**
   * Waits until each group has received the last message of every partition,
   * as the broker's log-end offsets say — caught up, whether or not it received
   * everything before (a group that skipped messages still catches up).
   */
  async waitUntilCaughtUp(groups: readonly GroupRef[], timeoutMs = 15_000): Promise<void> {
    for (const ref of uniqueGroups(groups)) {
      await waitFor(
        `group ${ref.group} to receive the last message of every partition`,
        async (note) => {
          const behind = await partitionsBehind(this.context.witness(), this.context.topics(), this.membersOf(ref));
          note(`behind on ${behind.join(", ") || "nothing"}`);
          return behind.length === 0 ? true : undefined;
        },
        { timeoutMs, intervalMs: 50 },
      );
    }
  }

  /**
   * Waits until each group has nothing left to read: on every partition, a
   * member received the last message, or the broker holds the group's
   * committed offset at the log end (acknowledged, whether or not received).
   */
  async waitUntilDrained(groups: readonly GroupRef[], timeoutMs = 15_000): Promise<void> {
    for (const ref of uniqueGroups(groups)) {
      await waitFor(
        `group ${ref.group} to have received or committed the last message of every partition`,
        async (note) => {
          const witness = this.context.witness();
          const committed = await witness.committedOffsets(this.context.groupId(ref), this.context.topics());
          const behind = await partitionsBehind(witness, this.context.topics(), this.membersOf(ref), committed);
          note(`behind on ${behind.join(", ") || "nothing"}`);
          return behind.length === 0 ? true : undefined;
        },
        { timeoutMs, intervalMs: 100 },
      );
    }
  }

  /** Waits until the broker describes the group as Stable with `members` members that own every partition of `topic`. */
  async waitForStable(ref: GroupRef, members: number, topic: string, timeoutMs = 15_000): Promise<void> {
    const groupId = this.context.groupId(ref);
    const partitions = (await this.context.witness().logEndOffsets(topic)).length;
    await waitFor(
      `group ${ref.group} (${groupId}) to be Stable with ${members} members owning all ${partitions} partitions`,
      async (note) => {
        const group = await this.context.witness().describeGroup(groupId);
        const owned = group.members.flatMap((m) => m.assignment).filter((tp) => tp.topic === topic).length;
        note(`${group.state}, ${group.members.length} members, ${owned} partitions owned`);
        return group.state === "Stable" && group.members.length === members && owned === partitions ? group : undefined;
      },
      { timeoutMs },
    );
    await this.observe(ref);
    // The settled group is on the assignment timeline too, before whatever the scenario does next.
    await this.assignmentWatch?.nextRound();
  }

  /**
   * For every group that has running consumers, waits until the broker says it is
   * Stable with all of them as members, owning every partition of `topic`.
   */
  async waitForAllStable(topic: string): Promise<void> {
    for (const label of this.context.groupIds().keys()) {
      const members = this.membersOf({ group: label }).filter((c) => c.isRunning).length;
      if (members > 0) await this.waitForStable({ group: label }, members, topic);
    }
  }

  /**
   * Samples the broker's description of every group in the scenario, every
   * `intervalMs`, and records what it says (see `AssignmentWatch`): the
   * assignment timeline. Resolves once each group has been asked once; runs
   * until `stopWatchingAssignments` or disposal. While it runs, `waitForStable`
   * returns only once the watch has asked again, so the settled group is on its timeline.
   */
  async watchAssignments(intervalMs = 50): Promise<void> {
    this.assignmentWatch = new AssignmentWatch(this.context.witness(), this.context.groupIds, this.context.timeline, intervalMs);
    await this.assignmentWatch.nextRound();
  }

  async stopWatchingAssignments(): Promise<void> {
    await this.assignmentWatch?.stop();
    this.assignmentWatch = undefined;
  }

  /** Asks the broker who is in the group and what each member owns now, and records it on the timeline. */
  async observe(ref: GroupRef): Promise<{ state: string; members: MemberEvidence[] }> {
    const group = await this.context.witness().describeGroup(this.context.groupId(ref));
    this.context.timeline.record("observe", "broker", `broker: group ${ref.group} is ${group.state} with ${group.members.length} member(s)`, {
      group: ref.group,
      state: group.state,
      members: group.members.map((m) => ({ clientId: m.clientId, assignment: m.assignment })),
    });
    return group;
  }

  /** The one partition of `topic` the broker lists `member` as owning in `ref` (see `observe`, which this records). */
  async partitionOwnedBy(ref: GroupRef, member: GroupConsumer, topic: string): Promise<number> {
    const owned = (await this.observe(ref)).members.find((m) => m.clientId === member.name)?.assignment.filter((a) => a.topic === topic) ?? [];
    if (owned.length !== 1) throw new Error(`the broker lists ${member.name} in group ${ref.group} as owning ${owned.length} partitions of ${topic}, not one`);
    return owned[0]!.partition;
  }

  /**
   * Reads the group's committed offsets from the broker now and records the
   * reading; `moment` says when, in the story's words. Checks are given the
   * returned reading, never the words.
   */
  async observeCommitted(ref: GroupRef, moment: string): Promise<CommittedReading> {
    const { timeline } = this.context;
    // On a cluster that lost a node, the group may have no live coordinator: that answer is the reading.
    const availability = await this.context.cluster?.availability(this.context.groupId(ref), UNAVAILABLE_WITHIN_MS);
    if (availability && !availability.available) {
      const reading = ++this.readings;
      timeline.record("observe", "broker", `broker: group ${ref.group}'s committed offsets cannot be read: its coordinator is ${availability.answer} (${moment})`, {
        reading,
        group: ref.group,
        moment,
        committed: [],
        unavailable: availability.answer,
      });
      return { reading, group: ref.group };
    }
    // Retried while the coordinator is still being elected (a broker that has just started).
    const committed = await waitFor(
      `the committed offsets of group ${ref.group}`,
      () => this.context.witness().committedOffsets(this.context.groupId(ref), this.context.topics()),
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    const reading = ++this.readings;
    timeline.record("observe", "broker", `broker: group ${ref.group} has committed ${formatCommitted(committed)} (${moment})`, {
      reading,
      group: ref.group,
      moment,
      committed,
    });
    return { reading, group: ref.group };
  }
}

function uniqueGroups(groups: readonly GroupRef[]): GroupRef[] {
  return [...new Set(groups.map((g) => g.group))].map((group) => ({ group }));
}
