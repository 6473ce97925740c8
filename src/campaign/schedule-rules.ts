import { RECOVERY_OF, type BrokerRole, type CampaignTargets, type FaultStep, type Schedule } from "./schedule.js";

/**
 * What a schedule must respect, checked on the schedule itself so that a generator change that breaks a rule is
 * caught before any broker runs: steps in time order and numbered by position; every fault recovered exactly once,
 * later, by the matching action; no two faults on one consumer at once; at most one broker down or paused at any
 * moment (two in a control's plan, whose point is to break that); everything it names among the targets; the heal
 * last, at the end, with nothing still down. Returns the problems found, in words; none for a good schedule.
 */
export function scheduleProblems(schedule: Schedule, targets: CampaignTargets): string[] {
  const problems: string[] = [];
  const brokersAtOnce = schedule.control ? 2 : 1;
  const open = new Map<number, FaultStep>();
  const brokersDown = new Set<number>();
  const consumersDown = new Map<string, number>();
  let previousAt = 0;
  schedule.steps.forEach((s, index) => {
    const where = `step ${index} (${s.action} at ${s.at} ms)`;
    if (s.step !== index) problems.push(`${where} is numbered ${s.step}`);
    if (s.at < previousAt) problems.push(`${where} comes before the step ahead of it (${previousAt} ms)`);
    if (s.at < 0 || s.at > schedule.duration) problems.push(`${where} lies outside 0–${schedule.duration} ms`);
    previousAt = s.at;
    switch (s.action) {
      case "kill-broker":
      case "pause-broker": {
        const unknown = unknownRole(s.target, targets);
        if (unknown) problems.push(`${where} names ${unknown}`);
        open.set(index, s);
        brokersDown.add(index);
        if (brokersDown.size > brokersAtOnce) problems.push(`${where} makes ${brokersDown.size} brokers down or paused at once`);
        break;
      }
      case "sever-consumer":
      case "kill-consumer":
        if (!targets.consumers.includes(s.consumer)) problems.push(`${where} names consumer ${s.consumer}, which the campaign does not have`);
        else if (s.action === "sever-consumer" && !(targets.severable ?? targets.consumers).includes(s.consumer))
          problems.push(`${where} cuts the connections of ${s.consumer}, whose connections cannot be cut`);
        if (consumersDown.has(s.consumer)) problems.push(`${where} hits ${s.consumer} while step ${consumersDown.get(s.consumer)} still holds it`);
        open.set(index, s);
        consumersDown.set(s.consumer, index);
        break;
      case "restart-broker":
      case "resume-broker":
      case "reconnect-consumer":
      case "start-consumer": {
        const fault = open.get(s.recovers);
        if (!fault || (fault.action !== "kill-broker" && fault.action !== "pause-broker" && fault.action !== "sever-consumer" && fault.action !== "kill-consumer")) {
          problems.push(`${where} recovers step ${s.recovers}, which is no fault still in force`);
          break;
        }
        if (RECOVERY_OF[fault.action] !== s.action) problems.push(`${where} cannot undo step ${s.recovers} (${fault.action})`);
        open.delete(s.recovers);
        brokersDown.delete(s.recovers);
        if ("consumer" in fault) consumersDown.delete(fault.consumer);
        break;
      }
      case "heal":
        if (index !== schedule.steps.length - 1) problems.push(`${where} is not the last step`);
        if (s.at !== schedule.duration) problems.push(`${where} is not at the end (${schedule.duration} ms)`);
        if (open.size > 0) problems.push(`${where} finds steps ${[...open.keys()].join(", ")} never recovered`);
        break;
    }
  });
  if (schedule.steps.at(-1)?.action !== "heal") problems.push("the schedule does not end with the heal");
  return problems;
}

function unknownRole(target: BrokerRole, targets: CampaignTargets): string | undefined {
  switch (target.role) {
    case "coordinator-of":
      return targets.groups.includes(target.group) ? undefined : `the coordinator of group ${target.group}, which the campaign does not have`;
    case "leader-of":
    case "follower-of": {
      const topic = targets.topics.find((t) => t.name === target.topic);
      return topic && target.partition >= 0 && target.partition < topic.partitions ? undefined : `partition ${target.topic}/${target.partition}, which the campaign does not have`;
    }
    case "node":
      return targets.brokers.includes(target.nodeId) ? undefined : `node ${target.nodeId}, which the cluster does not have`;
  }
}
