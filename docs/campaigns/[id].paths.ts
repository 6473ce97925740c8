// One page per fault campaign in results/campaigns/: the page is written from that campaign's result.
import { campaignRoutes } from "../../src/site/campaign-routes.js";

export default { paths: () => campaignRoutes() };
