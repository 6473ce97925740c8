import { describe, expect, test } from "vitest";
import type { ConsumerSpec, TopicPartitionOffset } from "./consumer.js";
import { RecordingBase } from "./recording-base.js";
import { Timeline } from "./timeline.js";

/** A client-less consumer: the test tells it what arrived, as a client would. */
class Scripted extends RecordingBase {
  readonly commits: TopicPartitionOffset[][] = [];
  async start(): Promise<this> {
    return this;
  }
  async stop(): Promise<void> {}
  async crash(): Promise<void> {}
  async pause(): Promise<void> {}
  /** What the broker answers a commit sent as the member's last identity: undefined for accepted. */
  answer: string | undefined;
  protected async commitOffsets(offsets: TopicPartitionOffset[]): Promise<void> {
    this.commits.push(offsets);
  }
  async stallOnNextRecord(): Promise<void> {}
  async resume(): Promise<void> {}
  protected async commitAsLastKnownIdentity(): Promise<string | undefined> {
    return this.answer;
  }
  assign(memberId: string, partitions: number[]): void {
    this.noteAssignment(
      memberId,
      partitions.map((partition) => ({ topic: "t", partition })),
    );
  }
  deliver(partition: number, offset: number): void {
    this.noteMessage({ topic: "t", partition, offset, key: null, value: "v" });
  }
  reportCommit(partition: number, offset: number): void {
    this.noteClientCommit([{ topic: "t", partition, offset }]);
  }
}

const spec = (record?: "ranges"): ConsumerSpec => ({ name: "C1", groupLabel: "C", groupId: "g", topics: ["t"], ...(record ? { record } : {}) });

describe("a consumer recording ranges", () => {
  test("keeps each message it is told of as an offset in a run, not a message", () => {
    const c = new Scripted(spec("ranges"), new Timeline());
    c.assign("m1", [0]);
    for (const offset of [0, 1, 2, 5]) c.deliver(0, offset);
    expect(c.received).toEqual([]);
    expect(c.ranges.ranges.map((r) => [r.first, r.last, r.memberId])).toEqual([
      [0, 2, "m1"],
      [5, 5, "m1"],
    ]);
    expect(c.receivedCount).toBe(4);
    expect(c.evidence().received).toBe(4);
    expect([c.hasReceived("t", 0, 2), c.hasReceived("t", 0, 3)]).toEqual([true, false]);
  });

  test("acknowledges only what it received since its latest assignment, on partitions it owns", async () => {
    const c = new Scripted(spec("ranges"), new Timeline());
    c.assign("m1", [0, 1]);
    c.deliver(0, 0);
    c.deliver(1, 0);
    c.assign("m1", [0]);
    c.deliver(0, 1);
    await c.commitReceived();
    expect(c.commits).toEqual([[{ topic: "t", partition: 0, offset: 2 }]]);
  });

  test("records messages one by one when not asked for ranges", () => {
    const c = new Scripted(spec(), new Timeline());
    c.assign("m1", [0]);
    c.deliver(0, 0);
    expect([c.received.length, c.ranges.count, c.receivedCount]).toEqual([1, 0, 1]);
  });
});

describe("a commit sent as the member last knew itself to be", () => {
  const offsets = [{ topic: "t", partition: 0, offset: 4 }];

  test("is recorded as refused, with the broker's code, when the broker refuses it", async () => {
    const timeline = new Timeline();
    const c = new Scripted(spec(), timeline);
    c.answer = "UNKNOWN_MEMBER_ID";
    const ref = await c.commitAsLastKnown(offsets);
    expect(ref).toEqual({ memberCommit: 1, consumer: "C1" });
    expect(timeline.events.map((e) => [e.event, e.code, e.memberCommit])).toEqual([["refused", "UNKNOWN_MEMBER_ID", 1]]);
  });

  test("is recorded as a commit of each partition when the broker accepts it", async () => {
    const timeline = new Timeline();
    const c = new Scripted(spec(), timeline);
    await c.commitAsLastKnown(offsets);
    expect(timeline.events.map((e) => [e.event, e.offset, e.memberCommit])).toEqual([["commit", 4, 1]]);
  });

  test("is misreported as accepted by a harness altered to swallow refusals", async () => {
    const timeline = new Timeline(true);
    const c = new Scripted(spec(), timeline);
    c.answer = "UNKNOWN_MEMBER_ID";
    await c.commitAsLastKnown(offsets);
    expect(timeline.events.map((e) => e.event)).toEqual(["commit"]);
  });
});

describe("a consumer with auto-commit on", () => {
  const autoSpec: ConsumerSpec = { ...spec(), autoCommitIntervalMs: 100 };
  const commitsOn = (timeline: Timeline) => timeline.events.filter((e) => e.event === "commit").map((e) => [e.partition, e.offset, e.auto]);

  test("records each commit its client reports once, however often the client commits the same position", () => {
    const timeline = new Timeline();
    const c = new Scripted(autoSpec, timeline);
    for (const offset of [0, 0, 4, 4, 10]) c.reportCommit(0, offset);
    c.reportCommit(1, 0);
    expect(commitsOn(timeline)).toEqual([
      [0, 0, true],
      [0, 4, true],
      [0, 10, true],
      [1, 0, true],
    ]);
  });

  test("leaves a commit it is asked for to its client's report, so it is recorded once", async () => {
    const timeline = new Timeline();
    const c = new Scripted(autoSpec, timeline);
    await c.commit([{ topic: "t", partition: 0, offset: 3 }]);
    expect(c.commits).toEqual([[{ topic: "t", partition: 0, offset: 3 }]]);
    expect(commitsOn(timeline)).toEqual([]);
  });

  test("records what the application finished, and sends the broker nothing", () => {
    const timeline = new Timeline();
    const c = new Scripted(autoSpec, timeline);
    c.finishedThrough("t", 0, 3);
    expect(timeline.events.map((e) => [e.event, e.actor, e.partition, e.lastOffset])).toEqual([["finish", "C1", 0, 3]]);
    expect(c.commits).toEqual([]);
  });
});
