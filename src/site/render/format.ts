import type { ClientInfo, ProofResult } from "../../evidence/proof-result.js";

/** "850 ms" or "1.2 s". */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** "2026-11-27 03:58:39 UTC" from an ISO timestamp; the raw text if it is not one. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** "kafkajs 2.2.4", or "kafka-clients 4.4.0 (consumer protocol)" with its protocol when `withProtocol`. */
export function formatClient(client: ClientInfo, withProtocol = false): string {
  return `${client.name} ${client.version}${withProtocol && client.protocol ? ` (${client.protocol} protocol)` : ""}`;
}

/**
 * Who played the consumers: the run's client, or, for a proof that chose its own
 * per run, those of the claim and of the control ("claim: …; control: …").
 */
export function formatClients(result: ProofResult): string {
  const { clients } = result;
  const control = result.control.clients;
  if (!clients && !control) return formatClient(result.client);
  const list = (of: readonly ClientInfo[] | undefined) => (of ?? [result.client]).map((c) => formatClient(c, true)).join(" and ");
  return `claim: ${list(clients)}; control: ${list(control)}`;
}
