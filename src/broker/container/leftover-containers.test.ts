import { describe, expect, it } from "vitest";
import { CONTAINER_LABEL, OWNER_HOST_LABEL, OWNER_PID_LABEL } from "../container-config.js";
import { leftoverContainers, type ListedContainer } from "./leftover-containers.js";

const here = "builder-1";
const dead = 4001;
const live = 4002;
const facts = { hostname: here, isAlive: (pid: number) => pid === live };

function ours(Id: string, pid: number | string, host = here): ListedContainer {
  return { Id, Labels: { [CONTAINER_LABEL]: "broker", [OWNER_PID_LABEL]: String(pid), [OWNER_HOST_LABEL]: host } };
}

describe("leftoverContainers", () => {
  it("picks our containers whose owner on this machine is dead", () => {
    expect(leftoverContainers([ours("a", dead), ours("b", live)], facts)).toEqual(["a"]);
  });

  it("leaves containers of other machines sharing the engine alone: their pids mean nothing here", () => {
    expect(leftoverContainers([ours("a", dead, "laptop-2")], facts)).toEqual([]);
  });

  it("leaves containers that are not ours, or whose owner it cannot read, alone", () => {
    const strangers: ListedContainer[] = [{ Id: "x", Labels: { [OWNER_PID_LABEL]: String(dead), [OWNER_HOST_LABEL]: here } }, { Id: "y" }, ours("z", "not-a-pid"), ours("w", 0)];
    expect(leftoverContainers(strangers, facts)).toEqual([]);
  });
});
