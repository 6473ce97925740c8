import { startNativeCluster, type NativeBroker, type NativeOptions } from "./native-cluster.js";

export { randomClusterId, type NativeBroker, type NativeOptions } from "./native-cluster.js";

/** Starts a single-node KRaft broker from Apache Kafka's own jars, on free loopback ports. */
export function startNativeBroker(options: NativeOptions): Promise<NativeBroker> {
  return startNativeCluster({ ...options, nodes: 1 });
}
