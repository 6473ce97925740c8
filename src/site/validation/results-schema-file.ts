import { fileURLToPath } from "node:url";
import { format, resolveConfig } from "prettier";
import { resultsJsonSchema } from "./results-schema.js";

/** Where the JSON Schema of the results format is kept; VitePress serves `docs/public/` at the site's root. */
export const RESULTS_SCHEMA_FILE = fileURLToPath(new URL("../../../docs/public/results.schema.json", import.meta.url));

/** The text `scripts/results-schema.ts` writes: laid out by Prettier, so the file passes `npm run lint` as written. */
export async function resultsSchemaText(): Promise<string> {
  const options = await resolveConfig(RESULTS_SCHEMA_FILE);
  return format(JSON.stringify(resultsJsonSchema()), { ...options, filepath: RESULTS_SCHEMA_FILE });
}
