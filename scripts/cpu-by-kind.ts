import { readdirSync, readFileSync } from "node:fs";

/**
 * Where a run's CPU goes, by kind of process: the suite is CPU-bound on two cores, so its
 * wall time is at least its CPU time over the cores, and this says whose CPU that is.
 * Read from Linux's /proc: every process descended from the run's own, sampled
 * often enough that a short-lived JVM is seen (its last fraction of a second may not be).
 */

export type ProcessKind = "broker" | "consumer host" | "group tool" | "other JVM" | "Node.js" | "other";

export const PROCESS_KINDS: readonly ProcessKind[] = ["broker", "consumer host", "group tool", "other JVM", "Node.js", "other"];

/** A process's kind, from its command line (arguments joined by spaces). */
export function processKind(commandLine: string): ProcessKind {
  const [program = ""] = commandLine.split(" ");
  const java = /(^|\/)java$/.test(program);
  if (java && / kafka\.Kafka( |$)/.test(commandLine)) return "broker";
  if (java && / ConsumerHost( |$)/.test(commandLine)) return "consumer host";
  if (java && / GroupToolServer( |$)|GroupToolServer\.java/.test(commandLine)) return "group tool";
  if (java) return "other JVM";
  if (/(^|\/)node$/.test(program)) return "Node.js";
  return "other";
}

/** One process as /proc shows it at one moment. */
export interface ProcessReading {
  pid: number;
  ppid: number;
  /** When it started, in clock ticks since boot: with the pid, one process (pids are reused). */
  startTicks: number;
  /** User plus system CPU so far, in clock ticks. */
  cpuTicks: number;
  commandLine: string;
}

/** The processes descended from `root` (itself included), by the parent each reading names. */
export function descendantsOf(root: number, readings: readonly ProcessReading[]): Set<number> {
  const children = new Map<number, number[]>();
  for (const r of readings) children.set(r.ppid, [...(children.get(r.ppid) ?? []), r.pid]);
  const found = new Set<number>();
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    if (found.has(pid)) continue;
    found.add(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** Parses `/proc/<pid>/stat`: the command name in parentheses may itself hold spaces and parentheses. */
export function parseStat(stat: string): { ppid: number; cpuTicks: number; startTicks: number } {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields after the name, counted from state (field 3 of proc(5)): ppid 4, utime 14, stime 15, starttime 22.
  return { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]), startTicks: Number(fields[19]) };
}

function readProcesses(): ProcessReading[] {
  const readings: ProcessReading[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const { ppid, cpuTicks, startTicks } = parseStat(readFileSync(`/proc/${entry}/stat`, "utf8"));
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ").trim();
      readings.push({ pid: Number(entry), ppid, startTicks, cpuTicks, commandLine });
    } catch {
      // Gone between the listing and the read: its CPU since the last sample is lost, as the module says.
    }
  }
  return readings;
}

/**
 * Adds up the CPU of `root`'s descendants, by kind: `root` is a process the caller has just
 * started, so all their CPU is the run's. A process is followed from the first sample that
 * finds it under `root`, also after its parent dies (a JVM outliving the worker that started it).
 */
export class CpuByKind {
  /** Clock ticks a second: 100 on every Linux kernel configuration this runs on (USER_HZ). */
  private static readonly TICKS = 100;
  private readonly followed = new Map<string, { kind: ProcessKind; ticks: number }>();
  private readonly totals = new Map<ProcessKind, number>();
  private timer: NodeJS.Timeout | undefined;

  static available(): boolean {
    try {
      readFileSync("/proc/self/stat", "utf8");
      return true;
    } catch {
      return false;
    }
  }

  constructor(private readonly root: number) {}

  start(intervalMs = 200): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  /** Stops sampling; the CPU seconds of each kind, every kind listed (0 where none ran). */
  stop(): Map<ProcessKind, number> {
    clearInterval(this.timer);
    this.sample();
    return new Map(PROCESS_KINDS.map((kind) => [kind, (this.totals.get(kind) ?? 0) / CpuByKind.TICKS]));
  }

  private sample(): void {
    const readings = readProcesses();
    const under = descendantsOf(this.root, readings);
    for (const r of readings) {
      const key = `${r.pid}@${r.startTicks}`;
      let seen = this.followed.get(key);
      if (!seen) {
        if (!under.has(r.pid)) continue;
        seen = { kind: processKind(r.commandLine), ticks: 0 };
        this.followed.set(key, seen);
      }
      this.totals.set(seen.kind, (this.totals.get(seen.kind) ?? 0) + r.cpuTicks - seen.ticks);
      seen.ticks = r.cpuTicks;
    }
  }
}

/** One line: the total, the least wall time it allows on `cores`, and each kind that used any. */
export function describeCpu(byKind: ReadonlyMap<ProcessKind, number>, cores: number): string {
  const total = [...byKind.values()].reduce((sum, s) => sum + s, 0);
  const parts = [...byKind]
    .filter(([, seconds]) => seconds >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, seconds]) => `${kind} ${seconds.toFixed(1)}`);
  return `${total.toFixed(1)} s (${parts.join(", ")}); on ${cores} cores, at least ${(total / cores).toFixed(1)} s of wall time`;
}
