import type { ResetRequest } from "../harness/reset-targets.js";

/** The two groups of the walkthrough, as the user names them. */
export const GROUP_LABELS = ["A", "B"] as const;
export type GroupLabel = (typeof GROUP_LABELS)[number];

/** The scenarios `scenario <name>` can play. */
export const SCENARIO_NAMES = ["seed"] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** An offset on one partition; `partition` is absent when the user did not write one. */
export interface Position {
  partition?: number;
  offset: number;
}

/**
 * What `reset` does: where it moves a group's committed offsets (every partition, or one), as
 * `kafka-consumer-groups --reset-offsets` would, and whether it only shows where (`dryRun`) and changes nothing.
 */
export interface ResetTarget {
  request: ResetRequest;
  dryRun: boolean;
}

/** A line the user typed, understood. */
export type Command =
  | { kind: "produce"; text: string; key: string | null }
  | { kind: "status" }
  | { kind: "ack"; group: GroupLabel; position: Position }
  | { kind: "reset"; group: GroupLabel; target: ResetTarget }
  | { kind: "scenario"; name: ScenarioName }
  /** The group's consumer is handed a message and holds on to it for `seconds`. */
  | { kind: "stall"; group: GroupLabel; seconds: number }
  | { kind: "autocommit"; group: GroupLabel; on: boolean }
  | { kind: "help" }
  | { kind: "quit" }
  /** A blank line or a `#` comment. */
  | { kind: "nothing" };

export type ParseResult = { ok: true; command: Command } | { ok: false; error: string };
