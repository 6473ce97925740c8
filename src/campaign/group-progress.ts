import { KIND, type HistoryColumns } from "./history.js";

/** How much one group read while the nemesis ran, and after the heal: a group that read nothing until the heal was not tested by the faults. */
export interface GroupProgress {
  group: string;
  /** Deliveries (consumer records, or share deliveries) before the heal. */
  duringRun: number;
  afterHeal: number;
  /** ms after the start of its first delivery; null: none. */
  firstAt: number | null;
}

/** Per group, in the order given, from the history's deliveries; `healAt` is when the heal began. */
export function groupProgress(h: HistoryColumns, groups: readonly string[], healAt: number): GroupProgress[] {
  const progress = groups.map((group): GroupProgress => ({ group, duringRun: 0, afterHeal: 0, firstAt: null }));
  const byName = new Map(groups.map((g, i) => [h.names.indexOf(g), progress[i]!] as const));
  const [consume, deliver] = [KIND.consume, KIND["share-deliver"]];
  for (let i = 0; i < h.length; i++) {
    if (h.kind[i] !== consume && h.kind[i] !== deliver) continue;
    const p = byName.get(h.a[i]!);
    if (!p) continue;
    const at = h.at[i]!;
    if (at < healAt) p.duringRun++;
    else p.afterHeal++;
    if (p.firstAt === null || at < p.firstAt) p.firstAt = at;
  }
  return progress;
}
