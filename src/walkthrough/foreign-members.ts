import type { MemberEvidence } from "../evidence/proof-result.js";
import { InputError } from "./input-error.js";

/**
 * Refuses a reset of a group that has members the session did not start (a
 * consumer of another process with the same group id): stopping our own would
 * not leave the group empty, and the broker refuses a reset while it has live
 * members. Refused before anything is stopped, so nothing changes.
 */
export function refuseForeignMembers(label: string, members: readonly MemberEvidence[], ours: readonly string[]): void {
  const foreign = members.filter((m) => !ours.includes(m.memberId));
  if (foreign.length === 0) return;
  const names = foreign.map((m) => `"${m.clientId}"`).join(", ");
  throw new InputError(
    `group ${label} is live: it has ${foreign.length === 1 ? "a member" : `${foreign.length} members`} not started here (client id ${names}), and the broker refuses a reset while a group has members; stop ${foreign.length === 1 ? "that consumer" : "those consumers"} first`,
  );
}
