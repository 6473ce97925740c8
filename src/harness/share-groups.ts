import type { MemberEvidence, ProducedMessage, ShareGroupEvidence, SharePartitionState } from "../evidence/proof-result.js";
import type { ShareGroupRef, ShareStateReading } from "../evidence/refs.js";
import type { HostLink } from "./java/host-link.js";
import type { ScenarioHostSession } from "./java/host-session.js";
import { ShareConsumer, type ShareConsumerSpec } from "./java/share-consumer.js";
import type { Timeline } from "./timeline.js";
import { waitFor } from "./wait.js";

export interface ShareGroupOptions {
  /** `share.delivery.count.limit`: deliveries of a record after which a release archives it (the broker's default is 5). */
  deliveryCountLimit?: number;
}

/** What the scenario lends its share groups: names, the clock, what was produced. */
export interface ShareGroupsContext {
  /** The scenario's session of the run's Java host, which the scenario closes. */
  host: ScenarioHostSession;
  bootstrap: string;
  timeline: Timeline;
  groupId: (label: string) => string;
  /** Whether a consumer of the scenario (of either kind) already has this name. */
  nameTaken: (name: string) => boolean;
  produced: () => readonly ProducedMessage[];
}

export type ShareConsumerOptions = Omit<ShareConsumerSpec, "groupId" | "groupLabel"> & { group: ShareGroupRef };

interface Described {
  state: string;
  members: MemberEvidence[];
  partitions: SharePartitionState[];
}

/**
 * A scenario's share groups (KIP-932) and their members. Share consumers are
 * Kafka's Java KafkaShareConsumer in every cell: kafkajs has none. Each group
 * starts at the earliest offset (`share.auto.offset.reset`, a group config set
 * before its first member joins), as the scenarios' consumer groups do.
 */
export class ShareGroups implements AsyncDisposable {
  readonly consumers: ShareConsumer[] = [];
  private readonly groups = new Map<string, { configs: Record<string, string>; configured?: Promise<void> }>();
  private readings = 0;

  constructor(private readonly context: ShareGroupsContext) {}

  /** Whether `label` names one of this scenario's share groups. */
  has(label: string): boolean {
    return this.groups.has(label);
  }

  /** A share group of this run, by its label; the same label always gives the same group, with the same options. */
  group(label: string, options: ShareGroupOptions = {}): ShareGroupRef {
    const configs: Record<string, string> = { "share.auto.offset.reset": "earliest" };
    if (options.deliveryCountLimit !== undefined) configs["share.delivery.count.limit"] = String(options.deliveryCountLimit);
    const known = this.groups.get(label);
    if (known && JSON.stringify(known.configs) !== JSON.stringify(configs)) {
      throw new Error(`share group ${label} was already made with ${JSON.stringify(known.configs)}; it cannot be given ${JSON.stringify(configs)} too`);
    }
    if (!known) this.groups.set(label, { configs });
    return { shareGroup: label };
  }

  /** The broker's ids of this scenario's share groups. */
  groupIds(): string[] {
    return [...this.groups.keys()].map((label) => this.context.groupId(label));
  }

  /** A member of a share group; not started. Its name is its identity in the evidence, so it must be new. */
  consumer({ group, ...rest }: ShareConsumerOptions): ShareConsumer {
    if (this.context.nameTaken(rest.name)) throw new Error(`the scenario already has a consumer named "${rest.name}"; give each consumer its own name`);
    const groupId = this.context.groupId(group.shareGroup);
    const consumer = new ShareConsumer({ ...rest, groupLabel: group.shareGroup, groupId }, this.context.timeline, {
      link: () => this.link(),
      bootstrap: this.context.bootstrap,
      prepare: () => this.configure(group),
      describe: () => this.describe(group),
    });
    this.consumers.push(consumer);
    return consumer;
  }

  /** The group as the broker describes it now: state, members and assignments, and each partition's share-group state. */
  async describe(ref: ShareGroupRef): Promise<Described> {
    this.known(ref);
    const answer = await (await this.link()).request("share-describe", { bootstrap: this.context.bootstrap, groupId: this.context.groupId(ref.shareGroup) });
    const members = (answer.members as MemberEvidence[]).sort((a, b) => a.clientId.localeCompare(b.clientId));
    return { state: answer.state as string, members, partitions: answer.partitions as SharePartitionState[] };
  }

  /** Reads the group's share-group state from the broker now and records it; `moment` says when, in the story's words. */
  async observe(ref: ShareGroupRef, moment: string): Promise<ShareStateReading> {
    const { partitions } = await this.describe(ref);
    const shareReading = ++this.readings;
    const shown = partitions.map((p) => `p${p.partition} start ${p.startOffset ?? "-"} lag ${p.lag ?? "-"}`).join(", ") || "no partition state";
    this.context.timeline.record("observe", "broker", `broker: share group ${ref.shareGroup} holds ${shown} (${moment})`, {
      shareReading,
      shareGroup: ref.shareGroup,
      moment,
      partitions,
    });
    return { reading: shareReading, shareGroup: ref.shareGroup };
  }

  /** Waits until the broker describes `members` members of the group, each assigned a partition of `topic`. */
  async waitForMembers(ref: ShareGroupRef, members: number, topic: string, timeoutMs = 30_000): Promise<void> {
    const group = await waitFor(
      `share group ${ref.shareGroup} to have ${members} members, each assigned a partition of ${topic}`,
      async (note) => {
        const described = await this.describe(ref);
        const assigned = described.members.filter((m) => m.assignment.some((tp) => tp.topic === topic));
        note(`${described.state}, ${described.members.length} members, ${assigned.length} assigned`);
        return described.members.length === members && assigned.length === members ? described : undefined;
      },
      { timeoutMs, intervalMs: 50 },
    );
    this.context.timeline.record("observe", "broker", `broker: share group ${ref.shareGroup} is ${group.state} with ${group.members.length} member(s)`, {
      shareGroup: ref.shareGroup,
      state: group.state,
      members: group.members.map((m) => ({ clientId: m.clientId, assignment: m.assignment })),
    });
  }

  /** Waits until each group, all its members together, has had every message produced so far delivered at least once. */
  async waitUntilReceivedAll(refs: readonly ShareGroupRef[], timeoutMs = 15_000): Promise<void> {
    const wanted = this.context.produced().length;
    for (const label of new Set(refs.map((r) => r.shareGroup))) {
      await waitFor(
        `share group ${label} to receive all ${wanted} produced messages`,
        (note) => {
          const members = this.consumers.filter((c) => c.spec.groupLabel === label);
          const distinct = new Set(members.flatMap((c) => c.deliveries.map((d) => `${d.topic}/${d.partition}@${d.offset}`))).size;
          note(`${distinct} distinct delivered`);
          return distinct >= wanted ? true : undefined;
        },
        { timeoutMs },
      );
    }
  }

  /** Every share group as the broker describes it now, with what its members received and how each was acknowledged. */
  async evidence(): Promise<ShareGroupEvidence[]> {
    const evidence: ShareGroupEvidence[] = [];
    for (const [label, { configs }] of this.groups) {
      const describedAt = this.context.timeline.now();
      const { state, members, partitions } = await this.describe({ shareGroup: label });
      const deliveries = this.consumers.filter((c) => c.spec.groupLabel === label).flatMap((c) => c.deliveries.map((d) => ({ ...d })));
      evidence.push({ label, groupId: this.context.groupId(label), state, describedAt, configs, members, partitions, deliveries });
    }
    return evidence;
  }

  /** Group configs hold for members that join after them: set once, before the group's first member. */
  private configure(ref: ShareGroupRef): Promise<void> {
    const state = this.known(ref);
    const configs = state.configs;
    return (state.configured ??= (async () => {
      await (await this.link()).request("group-config", { bootstrap: this.context.bootstrap, groupId: this.context.groupId(ref.shareGroup), configs });
    })());
  }

  private known(ref: ShareGroupRef): { configs: Record<string, string>; configured?: Promise<void> } {
    const state = this.groups.get(ref.shareGroup);
    if (!state) throw new Error(`there is no share group "${ref.shareGroup}" in this scenario; make it with s.share.group("${ref.shareGroup}")`);
    return state;
  }

  private link(): Promise<HostLink> {
    return this.context.host.link("share consumers are Kafka's Java KafkaShareConsumer");
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await Promise.allSettled(this.consumers.map((c) => c.stop()));
  }
}
