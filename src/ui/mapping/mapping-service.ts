import { readFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { parse } from "jsonc-parser";
import { findPhoneColumn, starterMapping } from "../../mapping/starter-mapping.js";
import { parseMapping, type LoadedMapping } from "../../mapping/load-mapping.js";
import { checkMapping } from "../../mapping/rules.js";
import type { SourceRow } from "../../core/source-row.js";
import { HttpError, type ApiProblem } from "../http/http-error.js";
import { packageRoot } from "../http/package-root.js";
import { fixFor, ui } from "../ui-language.js";
import { writeFileAtomic } from "../write-atomic.js";
import { mappingProblems } from "./mapping-problems.js";

type Json = Record<string, unknown>;

export interface MappingAnswer {
  mapping: Json;
  saved: boolean;
  path: string;
  suggestions: string[];
  problems: ApiProblem[];
}

/** `$schema` relative to where the mapping is saved, as `init` writes it, so an editor finds the package's schema. */
export function schemaRef(mappingPath: string): string {
  const schema = join(packageRoot(), "mapping.schema.json");
  const ref = relative(dirname(mappingPath), schema).split(sep).join("/");
  return ref.startsWith(".") ? ref : `./${ref}`;
}

function withoutSchema(value: unknown): Json {
  const { $schema: _schema, ...rest } = (typeof value === "object" && value !== null ? value : {}) as Json;
  return rest;
}

/** The library's own checks, as problems instead of a thrown error: schema first, then against the file's header. */
export function checkMappingText(text: string, path: string, header: string[]): ApiProblem[] {
  try {
    checkMapping(parseMapping(text, path), header);
    return [];
  } catch (error) {
    const problems = mappingProblems(error, text);
    if (problems === undefined) throw error;
    return problems;
  }
}

/** The mapping of a file for the Colunas page: the saved one, or what `init` would start from. */
export async function readOrSuggest(path: string, shown: string, header: string[], sample: SourceRow[]) {
  let text: string | undefined;
  try {
    text = (await readFile(path, "utf8")).replace(/^\uFEFF/, "");
  } catch {
    // Not saved yet: suggest.
  }
  if (text !== undefined) {
    const problems = checkMappingText(text, path, header);
    return { mapping: withoutSchema(parse(text)), saved: true, path: shown, suggestions: [], problems };
  }
  return { ...suggest(path, header, sample), path: shown };
}

function suggest(path: string, header: string[], sample: SourceRow[]): Omit<MappingAnswer, "path"> {
  const phone = findPhoneColumn(header, sample);
  if (phone === undefined) {
    const fix = fixFor("INIT_NO_PHONE_COLUMN");
    return {
      mapping: { mode: "upsert", custom_fields: {}, empty: "skip" },
      saved: false,
      suggestions: header.filter((h) => h !== ""),
      problems: [
        {
          code: "INIT_NO_PHONE_COLUMN",
          message: ui.t("ui.server.mapping.noPhoneColumn", { columns: header }),
          ...(fix ? { fix } : {}),
        },
      ],
    };
  }
  const starter = starterMapping(header, phone, schemaRef(path));
  return { mapping: withoutSchema(parse(starter.text)), saved: false, suggestions: starter.suggestions, problems: [] };
}

/**
 * Saves the mapping as the normal file the CLI reads (`$schema` first, two-space JSON), only when the library accepts
 * it against the file's header: a mapping saved with a problem would only fail later, in the middle of a run.
 */
export async function saveMapping(path: string, mapping: unknown, header: string[]): Promise<LoadedMapping> {
  const text = `${JSON.stringify({ $schema: schemaRef(path), ...withoutSchema(mapping) }, null, 2)}\n`;
  const problems = checkMappingText(text, path, header);
  if (problems.length > 0) {
    throw new HttpError(422, { code: problems[0]!.code, message: ui.t("ui.server.mapping.invalid"), problems });
  }
  await writeFileAtomic(path, text);
  return parseMapping(text, path);
}
