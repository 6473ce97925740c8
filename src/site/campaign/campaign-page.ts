import type { CampaignResult, CampaignRun } from "../../campaign/campaign-result.js";
import type { CampaignAnomaly } from "../../campaign/finding.js";
import { HistoryRecorder, operation, type HistoryColumns, type Operation } from "../../campaign/history.js";
import { escapeHtml } from "../escape.js";
import { htmlTable } from "../render/html-table.js";
import { campaignSvg } from "./campaign-svg.js";
import { faultBars, ownershipLanes } from "./campaign-timeline.js";

/** Anomalies listed per checker; the rest are counted. A broken campaign can have thousands, all alike. */
const LISTED = 50;
/** Operations shown either side of an anomaly's place in the history. */
const AROUND = 3;

/**
 * A campaign's page: the verdict and why, the figures, the fault timeline beside each group's ownership, each
 * checker's verdict with its anomalies, each linked to its place in the history (an excerpt of the operations
 * around it, anchored `#<run>-op-<index>`), the schedule as planned and as carried out, and the control's lost writes.
 */
export function campaignPage(result: CampaignResult): string {
  const out: string[] = [];
  const verdict = result.judgement.verdict === "pass" ? "✓ pass" : "✗ fail";
  out.push(`# Fault campaign ${escapeHtml(result.id)}`, "");
  out.push(
    `<p class="campaign-verdict ${result.judgement.verdict}"><strong>${verdict}</strong> · seed <code>${result.seed}</code> · Kafka ${escapeHtml(result.kafka.version)} · started ${escapeHtml(result.startedAt)} · load average ${result.load.before.map((l) => l.toFixed(1)).join(" ")} → ${result.load.after.map((l) => l.toFixed(1)).join(" ")} on ${result.load.cores} cores</p>`,
    "",
  );
  const seconds = (result.claim ?? result.control)?.schedule.duration;
  out.push(`Replay: <code>npm run campaign -- --seed ${result.seed} --seconds ${seconds === undefined ? "?" : Math.round(seconds / 1000)}</code>`, "");
  if (result.judgement.reasons.length > 0) out.push(...result.judgement.reasons.map((r) => `- ${escapeHtml(r)}`), "");
  if (result.judgement.known.length > 0)
    out.push(
      "Found, and a known defect of this Kafka release: reported here with every anomaly it made, and not counted against the campaign.",
      "",
      ...result.judgement.known.map((r) => `- ${escapeHtml(r)}`),
      "",
    );
  out.push("## Figures", "", figuresTable(result), "");
  for (const [name, run] of [
    ["campaign", result.claim],
    ["control", result.control],
  ] as const) {
    if (!run) continue;
    out.push(...runSection(name, run));
  }
  return out.join("\n");
}

function figuresTable(result: CampaignResult): string {
  const runs = [
    ["campaign", result.claim],
    ["control", result.control],
  ].filter((r): r is [string, CampaignRun] => r[1] !== null);
  const rows: [string, (r: CampaignRun) => string | number][] = [
    ["seconds (start to heal)", (r) => r.figures.seconds],
    ["operations recorded", (r) => r.figures.operations],
    ["writes", (r) => r.figures.writes],
    ["operations recorded per second", (r) => r.figures.recordedPerSecond],
    ["operations checked per second", (r) => r.figures.checkedPerSecond],
    ["checkers' time (ms)", (r) => r.figures.checkMs],
    ["history as JSON (MB)", (r) => (r.figures.historyBytes / 2 ** 20).toFixed(1)],
    ["faults per minute", (r) => r.figures.faultsPerMinute],
    ["recorder's memory (MB)", (r) => r.figures.recorderMb],
    ["checkers' peak memory (MB)", (r) => `${r.figures.peakCheckersMb} (${r.figures.peakHow})`],
    ["process peak memory (MB)", (r) => r.figures.processPeakMb],
    ["heal: until every group read to the end (s)", (r) => r.figures.healSeconds],
    ["members started again after their client gave up", (r) => r.figures.revived],
    // A group that read nothing until the heal was not tested by the faults: the figures say so, run by run.
    ...[...new Set(runs.flatMap(([, r]) => r.figures.progress.map((p) => p.group)))].map((group): [string, (r: CampaignRun) => string | number] => [
      `group ${group}: read during the run / after the heal (first at, s)`,
      (r) => {
        const p = r.figures.progress.find((g) => g.group === group);
        return p ? `${p.duringRun} / ${p.afterHeal} (${p.firstAt === null ? "never" : (p.firstAt / 1000).toFixed(1)})` : "";
      },
    ]),
  ];
  return htmlTable({
    className: "campaign-figures",
    headers: ["", ...runs.map(([name]) => name)],
    rows: rows.map(([label, value]) => [label, ...runs.map(([, r]) => value(r))]),
    numeric: runs.map((_, i) => i + 1),
  });
}

function runSection(name: "campaign" | "control", run: CampaignRun): string[] {
  const h = HistoryRecorder.from(run.history).columns();
  const out: string[] = [`## The ${name}`, ""];
  out.push(
    name === "control"
      ? `Topic <code>${escapeHtml(run.topic)}</code>: two replicas, written with acks=1, unclean leader election allowed. A follower is paused until it leaves the in-sync replicas, the leader is killed, the follower is elected with a shorter log: the checker must find acknowledged writes lost.`
      : `Topic <code>${escapeHtml(run.topic)}</code>: ${run.plan.consumerGroups.length} consumer groups and ${run.plan.shareGroups.length} share group on three replicas, <code>min.insync.replicas=2</code>, idempotent producers with acks=all.`,
    "",
  );
  out.push("### Faults and ownership", "");
  const groups = [...run.plan.consumerGroups.map((g) => g.group), ...run.plan.shareGroups.map((g) => g.group)];
  out.push(campaignSvg(Math.max(run.schedule.duration, h.length > 0 ? h.at[h.length - 1]! : 0), faultBars(run.schedule, run.applied), ownershipLanes(h, groups)), "");
  out.push("### Checkers", "");
  out.push(
    htmlTable({
      className: "campaign-checkers",
      headers: ["checker", "verdict", "checked", "anomalies"],
      rows: run.verdicts.map((v) => [v.checker, { text: v.valid ? "✓ valid" : "✗ anomalies", className: v.valid ? "pass" : "fail" }, v.checked, v.anomalies.length]),
      numeric: [2, 3],
      rowClass: (i) => (run.verdicts[i]!.valid ? undefined : "fail"),
    }),
    "",
  );
  const places = new Set<number>();
  for (const v of run.verdicts.filter((v) => !v.valid)) {
    out.push(`#### ${escapeHtml(v.checker)}`, "");
    for (const a of v.anomalies.slice(0, LISTED)) {
      if (a.op !== undefined) places.add(a.op);
      out.push(`- ${anomalyLine(name, a)}`);
    }
    if (v.anomalies.length > LISTED) out.push(`- and ${v.anomalies.length - LISTED} more, in the results file`);
    out.push("");
  }
  if (places.size > 0) out.push("### Where in the history", "", excerpt(name, h, places), "");
  out.push("### The schedule", "", scheduleTable(run), "");
  return out;
}

function anomalyLine(run: string, a: CampaignAnomaly): string {
  const place = a.op === undefined ? "" : ` — <a href="#${run}-op-${a.op}">operation ${a.op}</a> at ${(a.at! / 1000).toFixed(2)} s`;
  return `<code>${escapeHtml(a.kind)}</code> ${escapeHtml(a.detail)}${place}`;
}

/** The operations around each place, in order, each row anchored by its index; gaps between excerpts are marked. */
function excerpt(run: string, h: HistoryColumns, places: ReadonlySet<number>): string {
  const shown = new Set<number>();
  for (const p of places) for (let i = Math.max(0, p - AROUND); i <= Math.min(h.length - 1, p + AROUND); i++) shown.add(i);
  const rows: string[] = [];
  let previous = -1;
  for (const i of [...shown].sort((a, b) => a - b)) {
    if (previous >= 0 && i > previous + 1) rows.push(`<tr><td colspan="3">…</td></tr>`);
    previous = i;
    const op = operation(h, i);
    rows.push(
      `<tr id="${run}-op-${i}"${places.has(i) ? ' class="fail"' : ""}><td class="num">${i}</td><td class="num">${(op.at / 1000).toFixed(3)}</td><td>${escapeHtml(describe(op))}</td></tr>`,
    );
  }
  return `<table class="evidence-table campaign-history">\n<thead><tr><th class="num">operation</th><th class="num">s</th><th>what</th></tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody>\n</table>`;
}

function describe(op: Operation): string {
  switch (op.kind) {
    case "produce-invoke":
    case "produce-fail":
    case "produce-unknown":
      return `${op.kind} ${op.producer} ${op.topic}/${op.partition} value ${op.value}`;
    case "produce-ack":
      return `produce-ack ${op.producer} ${op.topic}/${op.partition}@${op.offset} value ${op.value}`;
    case "consume":
      return `consume ${op.group} ${op.consumer} ${op.topic}/${op.partition}@${op.offset} value ${op.value}`;
    case "commit":
      return `commit ${op.group} ${op.consumer} ${op.topic}/${op.partition} next ${op.offset}${op.ok ? "" : " (refused)"}`;
    case "share-deliver":
      return `share-deliver ${op.group} ${op.consumer} ${op.topic}/${op.partition}@${op.offset} delivery ${op.deliveryCount}`;
    case "share-ack":
    case "share-ack-refused":
    case "share-ack-unknown":
      return `${op.kind} ${op.type} ${op.group} ${op.consumer} ${op.topic}/${op.partition}@${op.offset}`;
    case "membership":
      return `${op.consumer} ${op.change} ${op.group}`;
    case "fault":
      return `nemesis step ${op.step}${op.node >= 0 ? ` on node ${op.node}` : ""}${op.applied ? "" : " (not applied)"}`;
    case "log-end":
      return `log of ${op.topic}/${op.partition}: start ${op.logStart}, end ${op.logEnd}`;
    case "committed":
      return `${op.group} committed ${op.topic}/${op.partition}: ${op.offset ?? "none"}`;
    case "share-state-read":
      return `Kafka's share coordinator log read: ${op.records} records of ${op.group}'s state of ${op.topic}/${op.partition}`;
    case "share-state-reset":
    case "share-state-reset-new-epoch":
      return `Kafka's share coordinator set ${op.group}'s state of ${op.topic}/${op.partition} back to ${op.startOffset < 0 ? "undecided" : `start ${op.startOffset}`} (state epoch ${op.stateEpoch}), from ${op.reached}`;
  }
}

function scheduleTable(run: CampaignRun): string {
  const applied = new Map(run.applied.map((a) => [a.step, a]));
  return htmlTable({
    className: "campaign-schedule",
    headers: ["step", "planned (s)", "done (s)", "action", "on", "node", "applied"],
    rows: run.schedule.steps.map((s) => {
      const a = applied.get(s.step);
      const on = "target" in s ? JSON.stringify(s.target) : "consumer" in s ? s.consumer : "recovers" in s ? `step ${s.recovers}` : "";
      return [
        s.step,
        (s.at / 1000).toFixed(1),
        a ? (a.at / 1000).toFixed(1) : "",
        s.action,
        on,
        a?.node ?? "",
        a ? (a.applied ? "yes" : `no: ${a.reason ?? ""}`) : s.action === "heal" ? "yes" : "not reached",
      ];
    }),
    numeric: [0, 1, 2],
  });
}
