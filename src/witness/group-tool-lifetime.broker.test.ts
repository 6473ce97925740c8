/**
 * The consumer-groups tool's JVM must not outlive whoever started it, however
 * that owner ends, even while the JVM is still starting; and close() must end it.
 * These JVMs are given an address where no broker listens: none is needed to start, or to end.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, inject, test } from "vitest";
import { freePort } from "../broker/native/free-port.js";
import { isAlive } from "../broker/native/process-guard.js";
import { waitFor } from "../harness/wait.js";
import { parentDeathSignalWorks } from "./parent-death-signal.js";
import { locateGroupTool } from "./start-group-tool.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/hold-group-tool.ts", import.meta.url));
const location = await locateGroupTool(inject("broker"), process.env);
const java = "unavailable" in location ? undefined : location;
const NO_BROKER = `127.0.0.1:${await freePort()}`;

describe.skipIf(java === undefined)("the consumer-groups tool's JVM", { concurrent: true }, () => {
  test.each([
    ["at once when its owner exits without closing it", "exit"],
    ["at once when its owner is killed, even one that cannot run at that moment", "hold"],
    ["when its owner closes it while it starts", "close"],
  ] as const)("ends %s", async (_, how) => {
    const owner = spawn(process.execPath, ["--import", "tsx", FIXTURE, NO_BROKER, how, java!.java, String(java!.javaMajor), java!.libs], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    owner.stdout.on("data", (chunk) => (output += chunk));
    owner.stderr.on("data", (chunk) => (output += chunk));
    const jvms = await waitFor(
      "the fixture to report its tool servers' pids",
      (note) => {
        note(output.trim() || "(no output)");
        return /SPAWNED ([\d ]+)\n/.exec(output)?.[1]!.split(" ").map(Number);
      },
      { timeoutMs: 30_000, intervalMs: 20 },
    );
    try {
      if (how === "hold" && parentDeathSignalWorks()) {
        // One is stopped, as a JVM still starting on a loaded machine is in effect: it cannot see its stdin close. The kernel ends it all the same.
        await waitFor(`the tool server (pid ${jvms[1]}) to be the JVM itself`, () => (nameOf(String(jvms[1])) === "java" ? true : undefined), {
          timeoutMs: 10_000,
          intervalMs: 10,
        });
        process.kill(jvms[1]!, "SIGSTOP");
      }
      if (how === "hold") owner.kill("SIGKILL"); // like a crashed test runner, while its JVMs are still starting
      if (how === "close") await waitFor("the fixture to close its tool server", () => (output.includes("CLOSED") ? true : undefined), { timeoutMs: 30_000, intervalMs: 20 });
      await waitFor(`the tool servers' JVMs (pids ${jvms.join(", ")}) to end`, () => (jvms.every(ended) ? true : undefined), { timeoutMs: 10_000, intervalMs: 20 });
    } finally {
      for (const jvm of jvms.filter((pid) => !ended(pid))) process.kill(jvm, "SIGKILL");
      owner.kill("SIGKILL");
    }
  });
});

/** The command name Linux gives a process or thread (`<pid>` or `<pid>/task/<tid>`); undefined once it is gone. */
function nameOf(path: string): string | undefined {
  try {
    return readFileSync(`/proc/${path}/comm`, "utf8").trim();
  } catch {
    return undefined;
  }
}

/**
 * Whether a process has ended: gone, or a zombie. An orphan's zombie waits for
 * init to collect it, and some inits (in containers) do that only every few seconds.
 */
function ended(pid: number): boolean {
  if (!isAlive(pid)) return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return ["Z", "X"].includes(stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3));
  } catch {
    return !isAlive(pid); // no /proc here, or it just ended
  }
}
