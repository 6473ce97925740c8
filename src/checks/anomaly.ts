/** One consumption anomaly a checker found in a group's history, after Jepsen's Kafka checker (see anomalies.ts). */
export interface Anomaly {
  kind: "lost" | "duplicate" | "skip" | "backwards" | "commit-ahead";
  detail: string;
}
