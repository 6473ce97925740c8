import type { Anomaly } from "../checks/anomaly.js";
import type { ConsumerGroupPlan } from "./committed-at-end.js";
import type { CampaignAnomaly } from "./finding.js";
import { KIND, type HistoryColumns } from "./history.js";

/** The part of a detail that says which partition and offset, in the words `checks/range-anomalies.ts` and `checks/accounting.ts` write. */
const SPAN = /^p(\d+) (\d+)(?:–(\d+))?/;
const STEP = /^(.*) on p(\d+): (\d+) then (\d+)$/;
const COMMIT = /^p(\d+) committed at (\d+)/;
const NEVER = /p(\d+) never received (\d+)(?: \(1\)|–(\d+))/;

const key = (partition: number, offset: number): number => partition * 2 ** 31 + offset;

type Want = { anomaly: CampaignAnomaly } & (
  | { look: "ack" | "second-delivery" | "committed"; partition: number; offset: number }
  | { look: "step"; consumer: string; partition: number; from: number; to: number }
  | { look: "nowhere" }
);

/** The wants of one kind by key; several anomalies may point at one place. */
function byKey(wants: readonly Want[], keyOf: (w: Want) => string | number | undefined): Map<string | number, Want[]> {
  const found = new Map<string | number, Want[]>();
  for (const w of wants) {
    const k = keyOf(w);
    if (k !== undefined) (found.get(k) ?? found.set(k, []).get(k)!).push(w);
  }
  return found;
}

/**
 * Points each anomaly the project's per-group checks found at its place in the campaign's history: a lost write at
 * its acknowledgement, a duplicate at its second delivery, a skip or step backwards at the delivery that made it, a
 * commit ahead at the committed offset read after the heal. Those checks describe, in their details, the partition
 * and offsets; one scan of the history finds the operations. A detail it cannot read keeps its words, without a place.
 */
export function placeAnomalies(h: HistoryColumns, plan: ConsumerGroupPlan, found: readonly Anomaly[]): CampaignAnomaly[] {
  const wants = found.map((a) => want(a, plan.group));
  const pending = (look: Want["look"]) => byKey(wants, (w) => (w.look === look && "offset" in w ? key(w.partition, w.offset) : undefined));
  const [acks, seconds, committed] = [pending("ack"), pending("second-delivery"), pending("committed")];
  const steps = byKey(wants, (w) => (w.look === "step" ? `${w.consumer}\u0000${w.partition}\u0000${w.from}\u0000${w.to}` : undefined));
  const stepConsumers = new Set(wants.flatMap((w) => (w.look === "step" ? [h.names.indexOf(w.consumer)] : [])));
  if (acks.size + seconds.size + committed.size + steps.size === 0) return wants.map((w) => w.anomaly);
  const groupId = h.names.indexOf(plan.group);
  const topics = new Set(plan.topics.map((t) => h.names.indexOf(t)));
  const seen = new Map<number, number>();
  const previous = new Map<string, number>();
  const place = (ws: readonly Want[] | undefined, i: number, topic: number) => {
    for (const w of ws ?? []) if (w.anomaly.op === undefined) Object.assign(w.anomaly, { op: i, at: h.at[i]!, topic: h.names[topic]! });
  };
  for (let i = 0; i < h.length; i++) {
    const kind = h.kind[i];
    if (kind === KIND["produce-ack"] && topics.has(h.b[i]!)) place(acks.get(key(h.c[i]!, h.e[i]!)), i, h.b[i]!);
    else if (h.a[i] !== groupId) continue;
    else if (kind === KIND.committed && topics.has(h.b[i]!)) place(committed.get(key(h.c[i]!, h.e[i]!)), i, h.b[i]!);
    else if (kind === KIND.consume && topics.has(h.c[i]!)) {
      const [partition, offset] = [h.d[i]!, h.e[i]!];
      if (seconds.size > 0) {
        const k = key(partition, offset);
        const times = (seen.get(k) ?? 0) + 1;
        seen.set(k, times);
        if (times === 2) place(seconds.get(k), i, h.c[i]!);
      }
      if (stepConsumers.has(h.b[i]!)) {
        const where = `${h.names[h.b[i]!]}\u0000${partition}`;
        const from = previous.get(where);
        previous.set(where, offset);
        if (from !== undefined) place(steps.get(`${where}\u0000${from}\u0000${offset}`), i, h.c[i]!);
      }
    }
  }
  return wants.map((w) => w.anomaly);
}

function want(a: Anomaly, group: string): Want {
  const anomaly: CampaignAnomaly = { kind: a.kind, detail: a.detail, group };
  const at = (partition: string, offset: string, last?: string) => {
    Object.assign(anomaly, { partition: Number(partition), offset: Number(offset) }, last === undefined ? {} : { last: Number(last) });
    return { partition: Number(partition), offset: Number(offset) };
  };
  let m: RegExpExecArray | null;
  if ((a.kind === "skip" || a.kind === "backwards") && (m = STEP.exec(a.detail))) {
    at(m[2]!, m[4]!);
    return { anomaly, look: "step", consumer: m[1]!, partition: Number(m[2]), from: Number(m[3]), to: Number(m[4]) };
  }
  if (a.kind === "commit-ahead" && (m = COMMIT.exec(a.detail))) return { anomaly, look: "committed", ...at(m[1]!, m[2]!) };
  if (a.kind === "duplicate" && (m = SPAN.exec(a.detail))) return { anomaly, look: "second-delivery", ...at(m[1]!, m[2]!, m[3]) };
  if (a.kind === "lost" && (m = SPAN.exec(a.detail) ?? NEVER.exec(a.detail))) return { anomaly, look: "ack", ...at(m[1]!, m[2]!, m[3]) };
  return { anomaly, look: "nowhere" };
}
