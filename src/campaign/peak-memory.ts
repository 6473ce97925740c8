import { readFileSync, writeFileSync } from "node:fs";

/**
 * The peak resident memory of a stretch of work in this process. A process's own peak (`maxRSS`) only grows, so it
 * says nothing of the checkers once the recorder has been bigger; on Linux the peak (`VmHWM`) can be reset
 * (`/proc/self/clear_refs`, 5), which makes the peak of the stretch that follows measurable on its own.
 * Elsewhere the growth of `maxRSS` is what is known, said as such.
 */
export function measurePeak<T>(work: () => T): { value: T; peakMb: number; baselineMb: number; how: "VmHWM" | "maxRSS" } {
  const reset = tryReset();
  const baselineMb = reset ? statusMb("VmRSS") : maxRssMb();
  const value = work();
  const peakMb = (reset ? statusMb("VmHWM") : maxRssMb()) - baselineMb;
  return { value, peakMb: round(Math.max(0, peakMb)), baselineMb: round(baselineMb), how: reset ? "VmHWM" : "maxRSS" };
}

function tryReset(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    // No /proc (macOS) or not allowed: the growth of maxRSS is all there is.
    return false;
  }
}

function statusMb(field: "VmRSS" | "VmHWM"): number {
  const line = readFileSync("/proc/self/status", "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${field}:`));
  return Number(line?.replace(/\D+/g, "") ?? 0) / 1024;
}

const maxRssMb = (): number => (process.resourceUsage().maxRSS * 1024) / 2 ** 20;
const round = (mb: number): number => Math.round(mb * 10) / 10;
