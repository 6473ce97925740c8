// One page per result of this run in another cell or Kafka version; `run` is its results folder (java-classic, kafka-3.9.2/java-classic).
import { columnProofRoutes } from "../../../src/site/proof-routes.js";

export default { paths: () => columnProofRoutes() };
