/**
 * `npm run playground` as a person runs it, on a broker of its own (native
 * mode): Ctrl-C (SIGINT to its process group, as a terminal sends it) must end
 * it with code 0 and leave no broker JVM and no listening port behind; a
 * `kill -9` of the whole group must leave no broker JVM either (the native
 * broker's watchdog stops it). It runs in the harness project for its place
 * among the broker tests; the run's own broker is not used.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";
import { afterEach, expect, test } from "vitest";
import { isAlive } from "../broker/native/process-guard.js";
import { waitFor, withTimeout } from "../harness/wait.js";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
let child: ChildProcess | undefined;

afterEach(() => {
  // Whatever the test did, nothing of ours outlives it.
  if (child?.pid !== undefined && groupAlive(child.pid)) process.kill(-child.pid, "SIGKILL");
});

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The broker JVMs (`kafka.Kafka`) among the descendants of `root`, from /proc. */
function brokerJvmsUnder(root: number): { pid: number; cmdline: string }[] {
  const parent = new Map<number, number>();
  const cmdlines = new Map<number, string>();
  for (const name of readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
      cmdlines.set(Number(name), readFileSync(`/proc/${name}/cmdline`, "utf8"));
    } catch {
      // Gone while we looked.
    }
  }
  const under = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === root) return true;
    return false;
  };
  return [...cmdlines.entries()].filter(([pid, cmd]) => cmd.split("\0").includes("kafka.Kafka") && under(pid)).map(([pid, cmdline]) => ({ pid, cmdline }));
}

function stillThatProcess(jvm: { pid: number; cmdline: string }): boolean {
  try {
    return isAlive(jvm.pid) && readFileSync(`/proc/${jvm.pid}/cmdline`, "utf8") === jvm.cmdline;
  } catch {
    return false;
  }
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

/** Starts `npm run playground` in its own process group; resolves once it printed its URL, with what it started. */
async function startPlayground() {
  const env: NodeJS.ProcessEnv = { ...process.env, KAFKA_MODE: "native" };
  delete env.KAFKA_BROKERS;
  delete env.PLAYGROUND_PORT;
  child = spawn("npm", ["run", "playground"], { cwd: REPO, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.setEncoding("utf8").on("data", (text: string) => (output += text));
  child.stderr!.setEncoding("utf8").on("data", (text: string) => (output += text));
  // npm re-raises a signal it was sent once its script has exited, so its own exit is "by SIGINT" after a clean stop.
  const exited = new Promise<string>((resolve) => child!.once("exit", (code, signal) => resolve(signal ?? `code ${code}`)));
  const url = await waitFor(
    "the playground to print its URL",
    (note) => {
      note(output.slice(-500) || "(no output)");
      return /^Playground: (\S+)$/m.exec(output)?.[1];
    },
    { timeoutMs: 60_000, intervalMs: 50 },
  );
  const brokerPort = Number(/^Kafka \S+ \(native\) at 127\.0\.0\.1:(\d+)$/m.exec(output)?.[1]);
  const jvms = brokerJvmsUnder(child.pid!);
  expect(jvms, `one broker JVM under the playground; output: ${output}`).toHaveLength(1);
  const status = await fetch(new URL("/consumers/status", url), { headers: { "x-playground-token": new URL(url).searchParams.get("token")! } });
  expect(status.status).toBe(200);
  return { url: new URL(url), brokerPort, jvm: jvms[0]!, exited, output: () => output };
}

test("Ctrl-C stops it cleanly: no broker JVM, no listening port", { timeout: 90_000 }, async () => {
  const run = await startPlayground();
  process.kill(-child!.pid!, "SIGINT");
  const how = await withTimeout("npm to exit after SIGINT", run.exited, 45_000);
  // npm may exit before its script has finished stopping; the script's processes share npm's group, so wait for all of them.
  await waitFor("the playground's process group to be gone", () => (groupAlive(child!.pid!) ? undefined : true), { timeoutMs: 45_000, intervalMs: 100 });
  expect({ how, output: run.output() }).toMatchObject({
    how: expect.stringMatching(/^(code 0|SIGINT)$/),
    output: expect.stringMatching(/SIGINT: stopping the server and the consumers\.\.\.\n[^]*stopped\.\n$/),
  });
  // The broker was stopped, and its exit awaited, before the playground printed "stopped.": nothing of it may remain.
  expect(stillThatProcess(run.jvm), `the broker JVM (pid ${run.jvm.pid})`).toBe(false);
  expect(await portAnswers(Number(run.url.port)), "the playground's port").toBe(false);
  expect(await portAnswers(run.brokerPort), "the broker's port").toBe(false);
});

test("kill -9 of the whole playground leaves no broker JVM", { timeout: 90_000 }, async () => {
  const run = await startPlayground();
  process.kill(-child!.pid!, "SIGKILL");
  await withTimeout("the playground to die", run.exited, 10_000);
  // The watchdog polls every 0.5 s, then gives the JVM up to 10 s to stop before it kills it.
  await waitFor(
    `the broker JVM (pid ${run.jvm.pid}) to be stopped by its watchdog, and its port closed`,
    async (note) => {
      const alive = stillThatProcess(run.jvm);
      const answers = await portAnswers(run.brokerPort);
      note(`JVM ${alive ? "alive" : "gone"}, port ${run.brokerPort} ${answers ? "answers" : "closed"}`);
      return alive || answers ? undefined : true;
    },
    { timeoutMs: 25_000, intervalMs: 100 },
  );
  expect(await portAnswers(Number(run.url.port)), "the playground's port").toBe(false);
});
