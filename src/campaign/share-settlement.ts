import { partitionId, verdict, type CampaignAnomaly, type CheckerVerdict } from "./finding.js";
import { ACK_TYPES, KIND, type HistoryColumns } from "./history.js";
import type { KnownDefectId } from "./known-defects.js";

/** A share group of the campaign: the topics it reads, and its `share.delivery.count.limit`. */
export interface ShareGroupPlan {
  group: string;
  topics: readonly string[];
  deliveryLimit: number;
}

/** Per partition, per record from the log start: what the share group's history did with it. */
interface Records {
  topic: string;
  partition: number;
  logStart: number;
  accepted: Uint8Array;
  rejected: Uint8Array;
  /** Settled perhaps: an acceptance or rejection with no definite answer, and no delivery since (which would show it was not). */
  maybe: Uint8Array;
  /** The highest delivery count the broker sent; 0: never delivered. */
  deliveries: Uint8Array;
  lastDelivery: Int32Array;
}

/**
 * Every record of the share group's topics, as the log holds them after the heal, ends settled exactly once: accepted
 * or rejected once (the broker taking the acknowledgement), or archived by the broker at the delivery limit (its
 * last delivery numbered at the limit, released or left to its lock). Along the way: no delivery of a record already
 * settled (a broker that lost an acknowledgement it took), none numbered past the limit, none of an offset the log
 * does not hold. Delivery counts are not required to rise one by one: a share-partition leader that fails over
 * reloads them from the persisted share state, which may be behind what it had handed out. An acceptance that had no
 * definite answer (the broker or the connection went away) may or may not have settled the record: one never
 * delivered again counts as settled, as a write with no answer may or may not be in the log.
 *
 * Linear: one pass over the history with a few bytes of state per record, one pass over the records.
 */
export function shareGroupSettled(h: HistoryColumns, plan: ShareGroupPlan): CheckerVerdict {
  const { anomalies, checked } = settlement(h, plan);
  return verdict(`share group ${plan.group}: every record settled once, or archived at the delivery limit`, checked, anomalies);
}

/**
 * Kafka's share coordinator never set one of the group's share-partitions back below where its acknowledgements had
 * moved it: each reset its own log shows (`share-state-reset`, read after the heal) is an anomaly, with the settled
 * records delivered or settled again after it, below where the state had reached — which `shareGroupSettled` leaves
 * to this checker, as they are that reset's doing. Kafka up to 4.4.0 has this defect (`known-defects.ts`).
 */
export function shareStateKept(h: HistoryColumns, plan: ShareGroupPlan): CheckerVerdict {
  const { resets, explained, read } = settlement(h, plan);
  const checker = `share group ${plan.group}: Kafka's share coordinator never set a share-partition's state back (its own log, __share_group_state)`;
  return { ...verdict(checker, read, [...resets, ...explained]), defect: "share-state-reinitialized" };
}

interface Settlement {
  anomalies: CampaignAnomaly[];
  checked: number;
  resets: CampaignAnomaly[];
  /** Deliveries and settlements of settled records that a reset before them explains. */
  explained: CampaignAnomaly[];
  /** Share-partitions whose share coordinator log was read. */
  read: number;
}

/** Both checkers read one pass over the history, done once per history and group. */
const settled = new WeakMap<HistoryColumns, Map<string, Settlement>>();

function settlement(h: HistoryColumns, plan: ShareGroupPlan): Settlement {
  const known = settled.get(h)?.get(plan.group);
  if (known) return known;
  const result = settle(h, plan);
  (settled.get(h) ?? settled.set(h, new Map()).get(h)!).set(plan.group, result);
  return result;
}

function settle(h: HistoryColumns, plan: ShareGroupPlan): Settlement {
  const groupId = h.names.indexOf(plan.group);
  const records = new Map<number, Records>();
  for (const log of h.logs) {
    const topic = h.names.indexOf(log.topic);
    if (!plan.topics.includes(log.topic) || topic < 0) continue;
    const n = log.values.length;
    records.set(partitionId(topic, log.partition), {
      topic: log.topic,
      partition: log.partition,
      logStart: log.logStart,
      accepted: new Uint8Array(n),
      rejected: new Uint8Array(n),
      maybe: new Uint8Array(n),
      deliveries: new Uint8Array(n),
      lastDelivery: new Int32Array(n).fill(-1),
    });
  }
  const anomalies: CampaignAnomaly[] = [];
  const [deliver, ack, unknown, reset, newEpochReset, stateRead] = [
    KIND["share-deliver"],
    KIND["share-ack"],
    KIND["share-ack-unknown"],
    KIND["share-state-reset"],
    KIND["share-state-reset-new-epoch"],
    KIND["share-state-read"],
  ];
  // Recorded after the heal, at the time Kafka wrote them: gathered first, as the pass below goes in history order.
  const resets: CampaignAnomaly[] = [];
  const resetsOf = new Map<number, { at: number; reached: number; op: number; defect?: KnownDefectId }[]>();
  const stateWasRead = new Set<number>();
  for (let i = 0; i < h.length; i++) {
    if (h.kind[i] === stateRead && h.a[i] === groupId) stateWasRead.add(partitionId(h.c[i]!, h.d[i]!));
    if ((h.kind[i] !== reset && h.kind[i] !== newEpochReset) || h.a[i] !== groupId) continue;
    // Only a repeated request at the same state epoch is the known defect; a new epoch's is reported as found.
    const defect = h.kind[i] === reset ? ("share-state-reinitialized" as const) : undefined;
    const [topic, partition, reached, start, at] = [h.names[h.c[i]!]!, h.d[i]!, h.e[i]!, h.f[i]!, h.at[i]!];
    const pid = partitionId(h.c[i]!, partition);
    (resetsOf.get(pid) ?? resetsOf.set(pid, []).get(pid)!).push({ at, reached, op: i, ...(defect ? { defect } : {}) });
    resets.push({
      kind: defect ? "share-state-reset" : "share-state-reset-new-epoch",
      detail: `${topic}/${partition}: Kafka's share coordinator wrote a new state ${start < 0 ? "with its start undecided" : `starting at ${start}`} (state epoch ${h.b[i]}${defect ? ", the epoch it had" : ", a new one"}) at ${(at / 1000).toFixed(1)} s, after acknowledgements had moved it to ${reached}`,
      op: i,
      at,
      group: plan.group,
      topic,
      partition,
      offset: reached,
      ...(defect ? { defect } : {}),
    });
  }
  const explained: CampaignAnomaly[] = [];
  /** A settled record's delivery or settlement again is the reset's doing when it came after one that had set the state back past it. */
  const report = (anomaly: CampaignAnomaly & { at: number; offset: number }, pid: number) => {
    const cause = [...(resetsOf.get(pid) ?? [])].reverse().find((r) => r.at <= anomaly.at && anomaly.offset < r.reached);
    if (cause) explained.push({ ...anomaly, detail: `${anomaly.detail}, after the state was set back (operation ${cause.op})`, ...(cause.defect ? { defect: cause.defect } : {}) });
    else anomalies.push(anomaly);
  };
  for (let i = 0; i < h.length; i++) {
    const kind = h.kind[i];
    if ((kind !== deliver && kind !== ack && kind !== unknown) || h.a[i] !== groupId) continue;
    const r = records.get(partitionId(h.c[i]!, h.d[i]!));
    const offset = h.e[i]!;
    const place = { op: i, at: h.at[i]!, group: plan.group, topic: h.names[h.c[i]!]!, partition: h.d[i]!, offset };
    const where = `${place.topic}/${place.partition}@${offset}`;
    const slot = r ? offset - r.logStart : -1;
    if (!r || slot < 0 || slot >= r.accepted.length) {
      anomalies.push({
        kind: "share-unknown-record",
        detail: `${where} was ${kind === deliver ? "delivered" : "acknowledged"} to ${h.names[h.b[i]!]}, but the log after the heal holds no such offset`,
        ...place,
      });
      continue;
    }
    const settled = r.accepted[slot]! + r.rejected[slot]!;
    const pid = partitionId(h.c[i]!, h.d[i]!);
    if (kind === deliver) {
      const count = h.f[i]!;
      if (settled > 0) report({ kind: "share-delivered-after-settled", detail: `${where} delivered again (delivery ${count}) after it was settled`, ...place }, pid);
      if (count > plan.deliveryLimit)
        anomalies.push({ kind: "share-beyond-delivery-limit", detail: `${where} delivered as delivery ${count}, past the limit ${plan.deliveryLimit}`, ...place });
      r.deliveries[slot] = Math.max(r.deliveries[slot]!, Math.min(count, 255));
      r.lastDelivery[slot] = i;
      r.maybe[slot] = 0;
      continue;
    }
    const type = ACK_TYPES[h.f[i]!];
    if (type === "release") continue;
    if (kind === unknown) {
      r.maybe[slot] = 1;
      continue;
    }
    if (settled > 0)
      report(
        {
          kind: "share-settled-twice",
          detail: `${where} ${type === "accept" ? "accepted" : "rejected"} by ${h.names[h.b[i]!]} after it was already settled`,
          ...place,
        },
        pid,
      );
    if (type === "accept") r.accepted[slot] = Math.min(255, r.accepted[slot]! + 1);
    else r.rejected[slot] = Math.min(255, r.rejected[slot]! + 1);
  }
  let checked = 0;
  for (const [pid, r] of records) {
    checked += r.accepted.length;
    anomalies.push(...unsettled(h, r, plan));
    if (!stateWasRead.has(pid))
      anomalies.push({
        kind: "share-state-unread",
        detail: `${r.topic}/${r.partition}: Kafka's share coordinator log was not read, so a redelivery of a settled record could be Kafka's doing or the broker's`,
        group: plan.group,
        topic: r.topic,
        partition: r.partition,
      });
  }
  return { anomalies, checked, resets, explained, read: stateWasRead.size };
}

/** Records neither settled nor archived; runs never delivered at all are reported as one anomaly each, which a group that stopped reading makes many of. */
function unsettled(h: HistoryColumns, r: Records, plan: ShareGroupPlan): CampaignAnomaly[] {
  const found: CampaignAnomaly[] = [];
  const base = { group: plan.group, topic: r.topic, partition: r.partition };
  let neverFrom = -1;
  const closeNever = (end: number) => {
    if (neverFrom < 0) return;
    const [offset, last] = [r.logStart + neverFrom, r.logStart + end - 1];
    found.push({
      kind: "share-unsettled",
      detail: `${r.topic}/${r.partition}@${offset === last ? offset : `${offset}–${last}`} never delivered to the group`,
      ...base,
      offset,
      last,
    });
    neverFrom = -1;
  };
  for (let slot = 0; slot < r.accepted.length; slot++) {
    const delivered = r.deliveries[slot]!;
    if (delivered === 0) {
      if (neverFrom < 0) neverFrom = slot;
      continue;
    }
    closeNever(slot);
    if (r.accepted[slot]! + r.rejected[slot]! + r.maybe[slot]! > 0 || delivered >= plan.deliveryLimit) continue;
    const op = r.lastDelivery[slot]!;
    const offset = r.logStart + slot;
    found.push({
      kind: "share-unsettled",
      detail: `${r.topic}/${r.partition}@${offset} last delivered as delivery ${delivered} of ${plan.deliveryLimit} and never settled`,
      ...base,
      offset,
      op,
      at: h.at[op]!,
    });
  }
  closeNever(r.accepted.length);
  return found;
}
