import type { Admin, Kafka } from "kafkajs";
import type { GroupRef, ResetAttempt } from "../evidence/refs.js";
import { commitAsAdmin } from "./admin-offsets.js";
import { brokerErrorCode } from "./broker-errors.js";
import type { BrokerWitness } from "./broker-witness.js";
import { deleteGroup, deleteGroupOffsets } from "./group-deletion.js";
import { describeReset, kafkaToolArguments, resetTargets, timestampOf, type PartitionFacts, type ResetRequest } from "./reset-targets.js";
import type { Timeline } from "./timeline.js";

/** One dry run's answer from Kafka's consumer-groups tool: the new offsets it would set, anything else it said, and its transcript. */
export interface ToolDryRunAnswer {
  rows: { group: string; topic: string; partition: number; offset: number }[];
  problems: string[];
  transcript: string;
}

/**
 * How the scenario asks Kafka's own tool for `--reset-offsets --dry-run` of the same request, beside its own
 * reset (the run's one tool JVM: no JVM start per reset), or why it cannot.
 */
export type KafkaToolDryRuns = { dryRun: (runs: readonly (readonly string[])[]) => Promise<ToolDryRunAnswer[]> } | { absent: string };

/** What the tool said about one reset, as the evidence keeps it. */
export type KafkaToolWord = { rows: { partition: number; offset: number }[]; problems: string[]; transcript: string } | { notRun: string };

export interface GroupOffsetsContext {
  kafka: Kafka;
  admin: () => Admin;
  witness: () => BrokerWitness;
  timeline: Timeline;
  groupId: (ref: GroupRef) => string;
  /** Numbers every reset attempt of the scenario: checks find attempts by number. */
  nextAttempt: () => number;
  kafkaTool: KafkaToolDryRuns;
}

/**
 * A scenario's facet for what an administrator does to a group's offsets, each as `kafka-consumer-groups` does it:
 * reset them (to a datetime, by a duration, by a shift, to an offset, the earliest or the latest; a whole topic or
 * one partition; or a dry run), delete one topic's offsets, delete the group. Every act is one request to the
 * group's coordinator, and the broker alone decides whether it is allowed: a refusal is recorded with its error
 * code and returned, never thrown; anything else (a timeout, a lost connection) breaks off the scenario.
 */
export class GroupOffsets {
  constructor(private readonly context: GroupOffsetsContext) {}

  /**
   * Computes the targets (`resetTargets`) from what the broker says now, asks Kafka's tool for a dry run of the same
   * request first (the group as it is before), then commits them as no member (`commitAsAdmin`) unless `dryRun`.
   * The event keeps the request, the targets, and the tool's word; a dry run is an "observe" event with `dryRun`,
   * and, as the tool's, computes nothing for a group the broker describes with members (`live`).
   */
  async reset(ref: GroupRef, topic: string, request: ResetRequest, options: { dryRun?: boolean } = {}): Promise<ResetAttempt> {
    const { timeline } = this.context;
    const attempt = this.context.nextAttempt();
    const groupId = this.context.groupId(ref);
    const kafkaTool = await this.askKafkaTool(kafkaToolArguments(groupId, topic, request));
    const targets = resetTargets(request, await this.facts(groupId, topic, request));
    if ("error" in targets) throw new Error(`the reset of group ${ref.group} ${describeReset(request)} cannot be computed: ${targets.error}`);
    const offsets = targets.map(({ partition, offset }) => ({ partition, offset }));
    const clamped = targets.filter((t) => t.clamped !== undefined).map((t) => ({ partition: t.partition, ...t.clamped! }));
    const details = { attempt, group: ref.group, topic, request, offsets, ...(clamped.length > 0 ? { clamped } : {}), kafkaTool };
    const list = offsets.map((o) => `p${o.partition}=${o.offset}`).join(", ");
    if (options.dryRun) {
      // As the tool: a reset of a group with members would be refused, so a dry run of one computes nothing.
      const { state, members } = await this.context.witness().describeGroup(groupId);
      if (members.length > 0) {
        timeline.record(
          "observe",
          "admin",
          `dry run: group ${ref.group} is ${state} with ${members.length} member(s), so a reset ${describeReset(request)} would be refused; nothing computed`,
          {
            attempt,
            group: ref.group,
            topic,
            request,
            dryRun: true,
            live: { state, members: members.length },
            kafkaTool,
          },
        );
        return { attempt, group: ref.group };
      }
      timeline.record("observe", "admin", `dry run: a reset of group ${ref.group} ${describeReset(request)} would set ${list}; nothing was committed`, {
        ...details,
        dryRun: true,
      });
      return { attempt, group: ref.group };
    }
    const refused = await this.refusal(() => commitAsAdmin(this.context.kafka, groupId, topic, offsets));
    const refusal = refused && {
      summary: `broker refused to reset group ${ref.group} ${describeReset(request)}: ${refused.code} (${refused.message})`,
      details: { attempt, group: ref.group, action: "reset", code: refused.code, error: refused.message, kafkaTool },
    };
    timeline.answered("admin", refusal, () => timeline.record("reset", "admin", `admin reset group ${ref.group} ${describeReset(request)} (${list})`, details));
    return { attempt, group: ref.group };
  }

  /** Deletes the group's committed offsets for every partition of `topic` (OffsetDelete), as `--delete-offsets` does. */
  async deleteOffsets(ref: GroupRef, topic: string): Promise<ResetAttempt> {
    const attempt = this.context.nextAttempt();
    const partitions = (await this.context.witness().logEndOffsets(topic)).map((p) => p.partition);
    const refused = await this.refusal(() => deleteGroupOffsets(this.context.kafka, this.context.groupId(ref), topic, partitions));
    const refusal = refused && {
      summary: `broker refused to delete group ${ref.group}'s offsets on ${topic}: ${refused.code} (${refused.message})`,
      details: { attempt, group: ref.group, action: "delete-offsets", topic, code: refused.code, error: refused.message },
    };
    this.context.timeline.answered("admin", refusal, () =>
      this.context.timeline.record("reset", "admin", `admin deleted group ${ref.group}'s committed offsets on ${topic}`, { attempt, group: ref.group, deletedOffsets: topic }),
    );
    return { attempt, group: ref.group };
  }

  /** Deletes the group and every offset it committed (DeleteGroups), as `--delete` does. */
  async deleteGroup(ref: GroupRef): Promise<ResetAttempt> {
    const attempt = this.context.nextAttempt();
    const refused = await this.refusal(() => deleteGroup(this.context.kafka, this.context.groupId(ref)));
    const refusal = refused && {
      summary: `broker refused to delete group ${ref.group}: ${refused.code} (${refused.message})`,
      details: { attempt, group: ref.group, action: "delete-group", code: refused.code, error: refused.message },
    };
    this.context.timeline.answered("admin", refusal, () =>
      this.context.timeline.record("reset", "admin", `admin deleted group ${ref.group}`, { attempt, group: ref.group, deletedGroup: true }),
    );
    return { attempt, group: ref.group };
  }

  /** What a reset needs from the broker, read now: log start and end, the group's commit, and the offset at the reset's time. */
  private async facts(groupId: string, topic: string, request: ResetRequest): Promise<PartitionFacts[]> {
    const [witness, admin] = [this.context.witness(), this.context.admin()];
    const [starts, ends, committed] = await Promise.all([witness.logStartOffsets(topic), witness.logEndOffsets(topic), witness.committedOffsets(groupId, [topic])]);
    const timestamp = timestampOf(request.spec, Date.now());
    // kafkajs answers a time later than every record with the log end, as the tool resets to then.
    const atTime = timestamp === undefined ? undefined : await admin.fetchTopicOffsetsByTimestamp(topic, timestamp);
    return ends.map(({ partition, logEndOffset }) => {
      const at = atTime?.find((a) => a.partition === partition);
      return {
        partition,
        logStart: starts.find((s) => s.partition === partition)?.offset ?? 0,
        logEnd: logEndOffset,
        committed: committed.find((c) => c.partition === partition)?.offset ?? null,
        ...(atTime === undefined ? {} : { atTime: at === undefined ? null : Number(at.offset) }),
      };
    });
  }

  private async askKafkaTool(args: string[]): Promise<KafkaToolWord> {
    const tool = this.context.kafkaTool;
    if ("absent" in tool) return { notRun: tool.absent };
    try {
      const [answer] = await tool.dryRun([args]);
      if (!answer) return { notRun: "the tool gave no answer for the dry run" };
      return { rows: answer.rows.map(({ partition, offset }) => ({ partition, offset })), problems: answer.problems, transcript: answer.transcript };
    } catch (error) {
      return { notRun: `the tool could not be asked: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  /** Runs a request; the broker's refusal, with its code, is returned; anything the broker did not answer is thrown. */
  private async refusal(request: () => Promise<void>): Promise<{ code: string; message: string } | undefined> {
    try {
      await request();
      return undefined;
    } catch (error) {
      const code = brokerErrorCode(error);
      if (code === undefined) throw error;
      return { code, message: error instanceof Error ? error.message : String(error) };
    }
  }
}
