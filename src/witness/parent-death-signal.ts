import { spawnSync } from "node:child_process";

/**
 * A command line that makes the kernel SIGKILL the command the moment the
 * process that spawned it ends (Linux's parent-death signal, set by util-linux's
 * `setpriv` just before it becomes the command).
 *
 * A JVM reads nothing before its main method runs, which takes a second or more
 * (seconds on a loaded machine): a JVM that only exits when its stdin closes
 * outlives an owner killed while it starts. The kernel needs no such help.
 * Where `setpriv` cannot do it (not Linux, an old util-linux), the command runs
 * as given, and the stdin guard alone remains.
 */
export function killedWithParent(command: string, args: readonly string[]): { command: string; args: string[] } {
  return parentDeathSignalWorks() ? { command: "setpriv", args: ["--pdeathsig", "KILL", command, ...args] } : { command, args: [...args] };
}

let works: boolean | undefined;

/** Whether `setpriv --pdeathsig` runs here; asked once, in a few milliseconds. */
export function parentDeathSignalWorks(): boolean {
  works ??= process.platform === "linux" && spawnSync("setpriv", ["--pdeathsig", "KILL", "true"], { stdio: "ignore", timeout: 5_000 }).status === 0;
  return works;
}
