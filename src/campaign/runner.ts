import { randomBytes } from "node:crypto";
import type { Admin } from "kafkajs";
import { checkJava } from "../broker/native/java.js";
import { kafkaJarsDir } from "../broker/native/kafka-jars.js";
import { startNativeCluster, type NativeCluster } from "../broker/native/native-cluster.js";
import { kafkaClient } from "../harness/client-settings.js";
import { compiledHost } from "../harness/java/host-process.js";
import { waitUntilServed } from "../harness/topics.js";
import { waitFor } from "../harness/wait.js";
import { CampaignProducer, JavaHost, JavaMember, KafkajsMember, ShareMember, type CampaignMember, type Clock, type JavaSeat } from "./campaign-clients.js";
import { checkCampaign, type CampaignPlan } from "./checkers.js";
import type { CheckerVerdict } from "./finding.js";
import { HistoryRecorder } from "./history.js";
import type { AppliedStep, CampaignFigures } from "./campaign-result.js";
import { Nemesis } from "./nemesis.js";
import { measurePeak } from "./peak-memory.js";
import { controlSchedule, generateSchedule, type CampaignTargets, type Schedule } from "./schedule.js";
import { scheduleProblems } from "./schedule-rules.js";
import { shareStateResets } from "./share-state-resets.js";
import { groupProgress } from "./group-progress.js";
import { readShareStateLog, SHARE_STATE_TOPIC, type ShareStateRecord } from "../witness/share-state-log.js";
import type { ToolLocation } from "../witness/start-group-tool.js";

/**
 * One campaign on a three-node native KRaft cluster of its own: the workload runs while the nemesis carries out
 * the seed's schedule; at the heal every fault is undone, the producers stop, and every group reads to the end and
 * commits (the share group settles everything); then the broker's log ends, committed offsets and whole logs are
 * read into the history, and the checkers read the history. The control runs the same workload on a topic of two
 * replicas written with acks=1 and unclean leader election allowed, under `controlSchedule`.
 */

export const PARTITIONS = 6;
/** The share group's `share.delivery.count.limit`: a record released this often is archived. */
export const DELIVERY_LIMIT = 5;
/** The heal gives the groups this long to read to the end: several session timeouts and a restart, on a loaded machine. */
const DRAIN_WITHIN_MS = 180_000;
/** How far a follower may fall behind before its leader drops it from the in-sync replicas: shorter than the control's pause. */
const CONTROL_REPLICA_LAG_MS = 3_000;
/** The control's follower stays paused this long before its leader is killed: past the lag limit above and the broker session timeout. */
const CONTROL_LAG_MS = 10_000;

/** Broker settings of every campaign cluster, each for a reason the campaign depends on. */
const CAMPAIGN_BROKER_SETTINGS = {
  // A share member killed holds its records for the lock's duration (30 s by default); 5 s lets a campaign
  // see them come back, and the heal's drain end, within a fault's window.
  "group.share.min.record.lock.duration.ms": "1000",
  "group.share.record.lock.duration.ms": "5000",
  "group.share.delivery.count.limit": String(DELIVERY_LIMIT),
  // The group coordinator retries a share group's state initialization that it did not see finish (a fault on the
  // way) after 30 s by default, and assigns no partition meanwhile: a 60 s campaign's share group read nothing until
  // the heal in 5 of 19 runs. 5 s is the least it takes (offsets.commit.timeout.ms).
  "group.share.initialize.retry.interval.ms": "5000",
};

export interface CampaignOptions {
  seed: number;
  /** ms from the start to the heal. */
  duration: number;
  version: string;
  env: NodeJS.ProcessEnv;
  control: boolean;
  onProgress?: (line: string) => void;
}

export interface CampaignRunRecord {
  schedule: Schedule;
  plan: CampaignPlan;
  applied: AppliedStep[];
  history: HistoryRecorder;
  verdicts: CheckerVerdict[];
  /** The node ids and addresses of the cluster, and the topic. */
  topic: string;
  nodes: { nodeId: number; address: string }[];
  figures: CampaignFigures;
}

const peakRssMb = (): number => Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;

export async function runCampaign(options: CampaignOptions): Promise<CampaignRunRecord> {
  const say = options.onProgress ?? (() => undefined);
  const suffix = randomBytes(3).toString("hex");
  const topic = `${options.control ? "control" : "orders"}-${suffix}`;
  const groups = { classic: `K-${suffix}`, consumer: `J-${suffix}`, share: `S-${suffix}` };
  say(`starting a three-node cluster${options.control ? " for the control (acks=1, unclean leader election)" : ""}`);
  const cluster = await startNativeCluster({
    version: options.version,
    env: options.env,
    nodes: 3,
    extraSettings: { ...CAMPAIGN_BROKER_SETTINGS, ...(options.control ? { "replica.lag.time.max.ms": String(CONTROL_REPLICA_LAG_MS) } : {}) },
  });
  const hosts: JavaHost[] = [];
  const stopping: (() => Promise<void>)[] = [];
  try {
    const admin = kafkaClient(cluster, "campaign-admin").admin();
    await admin.connect();
    stopping.push(() => admin.disconnect());
    await createTopic(admin, topic, options.control);

    const history = new HistoryRecorder();
    const started = performance.now();
    // Kafka's share coordinator stamps its snapshots with the wall clock: this maps them onto the campaign's clock.
    const startedAt = Date.now();
    const clock: Clock = () => Math.round((performance.now() - started) * 10) / 10;
    const { java, major } = await checkJava(options.env);
    const libs = kafkaJarsDir(options.version, options.env);
    const location = { java, javaMajor: major, libs, classes: await compiledHost(java, major, libs, options.env) };
    const bootstrap = cluster.bootstrapServers.join(",");
    let shared: Promise<JavaHost> | undefined;
    const sharedSeat: JavaSeat = {
      own: false,
      bootstrap,
      host: () =>
        (shared ??= JavaHost.start(location, "the shared members").then((h) => {
          hosts.push(h);
          return h;
        })),
    };
    const ownSeat = (name: string): JavaSeat => ({
      own: true,
      bootstrap,
      host: async () => {
        const h = await JavaHost.start(location, name, true);
        hosts.push(h);
        return h;
      },
    });
    const sharedHost = await sharedSeat.host();
    await sharedHost.link.request("group-config", {
      bootstrap,
      groupId: groups.share,
      configs: { "share.auto.offset.reset": "earliest", "share.delivery.count.limit": String(DELIVERY_LIMIT) },
    });

    const accepted = new Set<number>();
    const member = (m: CampaignMember) => [m.name, m] as const;
    const spec = (name: string, group: string) => ({ name, group, topic });
    const members = new Map<string, CampaignMember>([
      member(new KafkajsMember(spec("K1", groups.classic), cluster, history, clock)),
      member(new KafkajsMember(spec("K2", groups.classic), cluster, history, clock)),
      member(new JavaMember(spec("J1", groups.consumer), ownSeat("J1"), history, clock)),
      member(new JavaMember(spec("J2", groups.consumer), sharedSeat, history, clock)),
      member(new ShareMember(spec("S1", groups.share), ownSeat("S1"), history, clock, (p, o) => accepted.add(p * 2 ** 32 + o))),
      member(new ShareMember(spec("S2", groups.share), sharedSeat, history, clock, (p, o) => accepted.add(p * 2 ** 32 + o))),
    ]);
    /** Joins half-way through the first third and leaves at two thirds: a membership change no fault made. */
    const visitor = new KafkajsMember(spec("K3", groups.classic), cluster, history, clock);
    stopping.push(async () => {
      for (const m of [...members.values(), visitor]) await m.stop().catch(() => undefined);
    });

    const targets: CampaignTargets = {
      brokers: cluster.nodes.map((n) => n.nodeId),
      groups: Object.values(groups),
      topics: [{ name: topic, partitions: PARTITIONS }],
      consumers: ["K1", "K2", "J1", "S1"],
      // Members with a client or a JVM of their own: J2 and S2 share theirs.
      severable: ["K1", "K2", "J1", "S1"],
    };
    const schedule = options.control
      ? controlSchedule(options.seed, { name: topic, partitions: PARTITIONS }, CONTROL_LAG_MS, options.duration)
      : generateSchedule(options.seed, options.duration, targets);
    const problems = scheduleProblems(schedule, targets);
    if (problems.length > 0) throw new Error(`the seed's schedule breaks its own rules: ${problems.join("; ")}`);
    const plan: CampaignPlan = {
      schedule,
      consumerGroups: [groups.classic, groups.consumer].map((group) => ({ group, topics: [topic] })),
      shareGroups: [{ group: groups.share, topics: [topic], deliveryLimit: DELIVERY_LIMIT }],
    };

    let value = 0;
    const producers = ["P1", "P2"].map(
      (name) => new CampaignProducer({ name, topic, partitions: PARTITIONS, acks: options.control ? 1 : -1, nextValue: () => value++, pauseMs: 100 }, cluster, history, clock),
    );
    stopping.push(async () => {
      for (const p of producers) await p.stop();
    });
    say(`workload: producers ${producers.map((p) => p.spec.name).join(", ")}; groups ${Object.values(groups).join(", ")}`);
    for (const m of members.values()) await m.start();
    for (const p of producers) await p.start();

    const nemesis = new Nemesis(cluster, members, history, clock);
    say(`nemesis: ${schedule.steps.length - 1} steps over ${Math.round(schedule.duration / 1000)} s (seed ${schedule.seed})`);
    const churn = options.control
      ? Promise.resolve()
      : (async () => {
          await sleep(schedule.duration / 6 - clock());
          await visitor.start();
          await sleep((2 * schedule.duration) / 3 - clock());
          await visitor.stop();
        })();
    await Promise.all([nemesis.run(schedule), churn, sleep(schedule.duration - clock())]);
    const campaignMs = clock();

    say("heal: every broker up, every member running; the producers stop and every group reads to the end");
    history.fault(clock(), schedule.steps.length - 1, undefined, true);
    for (const p of producers) await p.stop();
    await nemesis.heal();
    await drain(admin, sharedHost, bootstrap, topic, groups, say);
    const healMs = clock() - campaignMs;
    for (const m of members.values()) await m.stop();
    await readFinal(cluster, admin, history, clock, topic, [groups.classic, groups.consumer]);
    await readShareState(admin, location, cluster.bootstrapServers, history, { group: groups.share, topic, partitions: PARTITIONS, startedAt, clock }, say);

    const t = performance.now();
    const checked = measurePeak(() => checkCampaign(history.columns(), plan));
    const checkMs = performance.now() - t;
    const verdicts = checked.value;
    const historyBytes = Buffer.byteLength(JSON.stringify(history));
    const faults = nemesis.applied.filter((a) => {
      const step = schedule.steps[a.step]!;
      return a.applied && ("target" in step || "consumer" in step);
    }).length;
    const round = (n: number) => Math.round(n * 10) / 10;
    const figures: CampaignFigures = {
      seconds: round(campaignMs / 1000),
      healSeconds: round(healMs / 1000),
      operations: history.length,
      writes: producers.reduce((n, p) => n + p.writes, 0),
      recordedPerSecond: Math.round(history.length / (campaignMs / 1000)),
      checkedPerSecond: Math.round(history.length / (checkMs / 1000)),
      checkMs: Math.round(checkMs),
      historyBytes,
      faultsPerMinute: round(faults / (campaignMs / 60_000)),
      recorderMb: round(history.bytes / 2 ** 20),
      peakCheckersMb: checked.peakMb,
      peakHow: checked.how,
      processPeakMb: peakRssMb(),
      revived: [...members.values(), visitor].reduce((n, m) => n + (m instanceof KafkajsMember ? m.revived : 0), 0),
      progress: groupProgress(history.columns(), Object.values(groups), campaignMs),
    };
    return {
      schedule,
      plan,
      applied: nemesis.applied,
      history,
      verdicts,
      topic,
      nodes: cluster.nodes.map((n) => ({ nodeId: n.nodeId, address: n.address })),
      figures,
    };
  } finally {
    for (const stop of stopping.reverse()) await stop().catch(() => undefined);
    await Promise.allSettled(hosts.map((h) => h.close()));
    await cluster.stop();
  }
}

/**
 * Kafka's share coordinator log, read with Kafka's own tool once every member has stopped: that it was read, and
 * how much of it was the group's, per partition; and each reset of the group's state it shows, at the time Kafka
 * wrote it. A log that cannot be read is said so, and the share checker reports each partition as not judged.
 */
async function readShareState(
  admin: Admin,
  location: ToolLocation,
  bootstrap: readonly string[],
  history: HistoryRecorder,
  share: { group: string; topic: string; partitions: number; startedAt: number; clock: Clock },
  say: (line: string) => void,
): Promise<void> {
  let log: ShareStateRecord[] = [];
  try {
    // No share group state was ever written: the log is not there, and nothing was set back.
    if ((await admin.listTopics()).includes(SHARE_STATE_TOPIC)) {
      const offsets = await admin.fetchTopicOffsets(SHARE_STATE_TOPIC);
      log = await readShareStateLog(
        location,
        bootstrap,
        offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0),
      );
    }
  } catch (error) {
    say(`Kafka's share coordinator log could not be read (${error instanceof Error ? error.message.split("\n")[0] : String(error)}): the share group is judged without it`);
    return;
  }
  const at = share.clock();
  for (let partition = 0; partition < share.partitions; partition++) {
    const records = log.filter((r) => r.group === share.group && r.partition === partition).length;
    history.shareStateRead(at, { group: share.group, topic: share.topic, partition, records });
  }
  for (const reset of shareStateResets(log, share.group))
    history.shareStateReset(reset.writtenAt - share.startedAt, {
      group: share.group,
      topic: share.topic,
      partition: reset.partition,
      reached: reset.reached,
      startOffset: reset.startOffset,
      stateEpoch: reset.stateEpoch,
      sameEpoch: reset.sameEpoch,
    });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** The campaign's topic: three replicas of which two must hold a write; the control's two replicas, one enough, and unclean elections allowed. */
async function createTopic(admin: Admin, topic: string, control: boolean): Promise<void> {
  const configEntries = control
    ? [
        { name: "min.insync.replicas", value: "1" },
        { name: "unclean.leader.election.enable", value: "true" },
      ]
    : [{ name: "min.insync.replicas", value: "2" }];
  // Two replicas in the control: with three, the follower not paused would stay in sync and be elected cleanly.
  const created = await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: control ? 2 : 3, configEntries }], waitForLeaders: false });
  if (!created) throw new Error(`topic ${topic} exists already; a campaign makes topics of its own`);
  await waitUntilServed(admin, topic, PARTITIONS, 30_000);
}

/** Waits until each consumer group has committed every partition's log end and the share group has nothing left unsettled. */
async function drain(
  admin: Admin,
  shared: JavaHost,
  bootstrap: string,
  topic: string,
  groups: { classic: string; consumer: string; share: string },
  say: (line: string) => void,
): Promise<void> {
  await waitFor(
    "every group to read to the log end and commit it, and the share group to settle every record",
    async (note) => {
      const ends = await admin.fetchTopicOffsets(topic);
      const behind: string[] = [];
      for (const group of [groups.classic, groups.consumer]) {
        const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
        for (const e of ends) {
          const c = Number(committed?.partitions.find((p) => p.partition === e.partition)?.offset ?? -1);
          if (c !== Number(e.high)) behind.push(`${group} p${e.partition} ${c}/${e.high}`);
        }
      }
      const share = (await shared.link.request("share-describe", { bootstrap, groupId: groups.share }).catch(() => undefined)) as
        { partitions: { partition: number; lag: number | null }[] } | undefined;
      const lag = share?.partitions.reduce((n, p) => n + (p.lag ?? 1), 0) ?? 1;
      if (lag > 0 || (share?.partitions.length ?? 0) < PARTITIONS) behind.push(`${groups.share} lag ${lag}`);
      note(behind.join(", "));
      return behind.length === 0 ? true : undefined;
    },
    { timeoutMs: DRAIN_WITHIN_MS, intervalMs: 1_000 },
  ).catch((error: unknown) => say(`the drain did not finish: ${error instanceof Error ? error.message : String(error)}; the checkers will say what is missing`));
}

/** After the heal: each partition's log start and end, each group's committed offsets, and the whole log, read back by value. */
async function readFinal(cluster: NativeCluster, admin: Admin, history: HistoryRecorder, clock: Clock, topic: string, groups: readonly string[]): Promise<void> {
  const ends = await admin.fetchTopicOffsets(topic);
  for (const e of ends) history.logEnd(clock(), topic, e.partition, Number(e.low), Number(e.high));
  for (const group of groups) {
    const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    for (const e of ends) {
      const c = Number(committed?.partitions.find((p) => p.partition === e.partition)?.offset ?? -1);
      history.committed(clock(), group, topic, e.partition, c < 0 ? null : c);
    }
  }
  const logs = new Map(ends.map((e) => [e.partition, { low: Number(e.low), high: Number(e.high), values: new Array<number>(Number(e.high) - Number(e.low)).fill(-1), read: 0 }]));
  const reader = kafkaClient(cluster, "campaign-log-reader").consumer({
    groupId: `log-reader-${randomBytes(3).toString("hex")}`,
    maxWaitTimeInMs: 100,
    allowAutoTopicCreation: false,
  });
  await reader.connect();
  try {
    await reader.subscribe({ topic, fromBeginning: true });
    await reader.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const log = logs.get(batch.partition)!;
        for (const m of batch.messages) {
          const slot = Number(m.offset) - log.low;
          if (slot < 0 || slot >= log.values.length) continue;
          const n = Number(m.value === null ? Number.NaN : String(m.value));
          log.values[slot] = Number.isInteger(n) ? n : -1;
          log.read = Math.max(log.read, slot + 1);
        }
      },
    });
    await waitFor(
      "the whole log of every partition to be read back",
      (note) => {
        const short = [...logs].filter(([, l]) => l.read < l.values.length).map(([p, l]) => `p${p} ${l.read}/${l.values.length}`);
        note(short.join(", "));
        return short.length === 0 ? true : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 200 },
    );
  } finally {
    await reader.disconnect().catch(() => undefined);
  }
  for (const [partition, log] of logs) history.logRead(topic, partition, log.low, log.values);
}
