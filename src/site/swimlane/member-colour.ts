import { PALETTE } from "../charts/bar-chart.js";

/** A member's colour: its place among its group's members, in the charts' palette. The swimlane and the replay agree on it. */
export function memberColour(members: readonly string[], name: string): string {
  const index = Math.max(0, members.indexOf(name));
  return PALETTE[index % PALETTE.length]!;
}
