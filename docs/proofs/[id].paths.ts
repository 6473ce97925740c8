// One page per proof in results/: the page is written from that run's results and the proof's source.
import { proofRoutes } from "../../src/site/proof-routes.js";

export default { paths: () => proofRoutes() };
