import { getLocation, parse } from "jsonc-parser";
import { isSyncError } from "../../errors.js";
import type { MappingProblem } from "../../mapping/load-mapping.js";
import type { ApiProblem } from "../http/http-error.js";
import { fixFor } from "../ui-language.js";

type Json = Record<string, unknown>;

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) break;
    offset = next + 1;
  }
  return offset + column - 1;
}

/** The column a value spec names: a bare string, or `{ column }`. */
function columnOf(spec: unknown): string | undefined {
  if (typeof spec === "string" && spec.trim() !== "") return spec;
  if (typeof spec === "object" && spec !== null && typeof (spec as Json).column === "string")
    return (spec as Json).column as string;
  return undefined;
}

/**
 * Which custom field and which column a problem is about, from where it sits in the mapping text: the pages put a
 * problem beside the select of that column or field, and the library's rules stay the only ones checking it.
 */
function placeOf(text: string, problem: MappingProblem): Pick<ApiProblem, "field" | "column" | "line"> {
  if (!problem.position) return {};
  const { line, column } = problem.position;
  const path = getLocation(text, offsetOf(text, line, column)).path;
  const mapping = parse(text) as Json;
  const place: Pick<ApiProblem, "field" | "column" | "line"> = { line };
  const [top, second] = path;
  if ((top === "custom_fields" || top === "context") && typeof second === "string") {
    place.field = second;
    const spec = (mapping[top] as Json | undefined)?.[second];
    const named = columnOf(spec);
    if (named !== undefined) place.column = named;
    return place;
  }
  if (typeof top === "string") {
    const value = mapping[top];
    const named = columnOf(value) ?? (top === "phone" ? columnOf((value as Json | undefined)?.column) : undefined);
    if (named !== undefined) place.column = named;
  }
  return place;
}

/** The problems a mapping error carries, as the pages show them; undefined when the error is not a mapping one. */
export function mappingProblems(error: unknown, text: string): ApiProblem[] | undefined {
  if (!isSyncError(error) || !error.code.startsWith("MAPPING_")) return undefined;
  const listed = error.context.problems as MappingProblem[] | undefined;
  const problems = listed ?? [{ code: error.code as MappingProblem["code"], message: error.message }];
  return problems.map((problem) => {
    const fix = fixFor(problem.code) ?? fixFor(error.code);
    return {
      code: problem.code,
      message: problem.message,
      ...(fix ? { fix } : {}),
      ...placeOf(text, problem),
    };
  });
}
