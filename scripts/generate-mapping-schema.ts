/**
 * Regenerates mapping.schema.json from the zod schema (src/mapping/schema.ts), the single source of truth.
 * Run: npx tsx scripts/generate-mapping-schema.ts   (a test fails when the committed file is stale)
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildMappingJsonSchema } from "../src/mapping/schema.js";

export function mappingSchemaText(): string {
  return `${JSON.stringify(buildMappingJsonSchema(), null, 2)}\n`;
}

const target = fileURLToPath(new URL("../mapping.schema.json", import.meta.url));
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(target, mappingSchemaText());
  process.stdout.write(`wrote ${target}\n`);
}
