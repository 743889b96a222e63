import { readFile } from "node:fs/promises";
import {
  findNodeAtLocation,
  getNodeValue,
  parseTree,
  printParseErrorCode,
  type JSONPath,
  type Node,
  type ParseError,
} from "jsonc-parser";
import type * as z from "zod";
import type { MappingErrorCode } from "../core/error-codes.js";
import { ConfigError } from "../errors.js";
import {
  MappingObjectSchema,
  MappingSchema,
  PhoneSpecSchema,
  VALUE_KINDS,
  WriteBackSchema,
  type Mapping,
} from "./schema.js";

/** Where a mapping value sits in its file (1-based). */
export interface FilePosition {
  line: number;
  column: number;
}

/** Finds a JSON path in the mapping file; `"key"` points at the property name instead of its value. */
export type MappingLocator = (path: JSONPath, target?: "key" | "value") => FilePosition | undefined;

/**
 * A mapping with defaults filled, plus where it came from. `locate` (non-enumerable, so the object still serializes
 * to plain data) lets later checks (rules.ts) report `file:line:column`.
 */
export type LoadedMapping = Mapping & { path: string; readonly locate?: MappingLocator };

export interface MappingProblem {
  code: MappingErrorCode;
  message: string;
  position?: FilePosition;
}

/** `mapping.json:4:11: unknown key "modo" (did you mean "mode"?)` — one line per problem, sorted by position. */
export function formatMappingProblems(file: string, problems: MappingProblem[]): string {
  return [...problems]
    .sort(
      (a, b) =>
        (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.column ?? 0) - (b.position?.column ?? 0),
    )
    .map((p) => `${file}${p.position ? `:${p.position.line}:${p.position.column}` : ""}: ${p.message}`)
    .join("\n");
}

/** One ConfigError carrying every problem (the message lists them all; `context.problems` has them as data). */
export function mappingError(code: MappingErrorCode, file: string, problems: MappingProblem[]): ConfigError {
  const header = `Mapping ${file} has ${problems.length} problem${problems.length === 1 ? "" : "s"}:`;
  return new ConfigError(code, `${header}\n${formatMappingProblems(file, problems)}`, { context: { file, problems } });
}

/** Edit distance counting a swap of two neighbours as one edit ("titel" → "title"), the commonest typo. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .trim();

/** The closest candidate (accents and case ignored), when it is close enough to be a plausible typo. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  const target = fold(input);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate.length > 200 || target.length > 200) continue; // a 50 MB header cell must not build a 50M×n matrix
    const distance = editDistance(target, fold(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(target.length / 3)) ? best : undefined;
}

export function didYouMean(input: string, candidates: readonly string[]): string {
  const suggestion = closest(input, candidates);
  return suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`;
}

function createLocator(text: string, root: Node | undefined): MappingLocator {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const position = (offset: number): FilePosition => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1 };
  };
  return (path, target = "value") => {
    if (!root) return undefined;
    // A missing key is reported at the nearest object that exists (where it should be added).
    for (let depth = path.length; depth >= 0; depth--) {
      const node = findNodeAtLocation(root, path.slice(0, depth));
      if (!node) continue;
      if (target === "key" && depth === path.length && node.parent?.type === "property") {
        return position(node.parent.children![0]!.offset);
      }
      return position(node.offset);
    }
    return position(root.offset);
  };
}

/** Human name of a JSON path: `custom_fields."CRM | Link".column`. */
export function describePath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((segment, i) => {
      if (typeof segment === "number") return `[${segment}]`;
      const text = String(segment);
      const plain = /^[A-Za-z_$][\w$]*$/.test(text) ? text : JSON.stringify(text);
      return i === 0 ? plain : `.${plain}`;
    })
    .join("");
}

const ROOT_KEYS = Object.keys(MappingObjectSchema.shape);
const VALUE_KEYS = ["column", "transform", "default", "value", "template"];

function knownKeysAt(path: ReadonlyArray<PropertyKey>): string[] {
  if (path.length === 0) return ROOT_KEYS;
  if (path.length === 1 && path[0] === "phone") return ["column", "default_country"];
  if (path.length === 1 && path[0] === "chat_add") return ["text", "user_id", "dialog_id"];
  if (path.length === 1 && path[0] === "dialog_execute") return ["dialog_id"];
  if (path.length === 1 && path[0] === "write_back") return Object.keys(WriteBackSchema.shape);
  return VALUE_KEYS;
}

function typeOf(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/** zod issues → problems with the exact key/value position and a message a spreadsheet person understands. */
function issuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  root: unknown,
  locate: MappingLocator,
  base: PropertyKey[] = [],
): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const at = (path: PropertyKey[], target: "key" | "value" = "value") => locate(path as JSONPath, target);
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    const where = describePath(path);
    const value = valueAt(root, path);
    switch (issue.code) {
      case "unrecognized_keys": {
        const known = knownKeysAt(path);
        for (const key of issue.keys) {
          const inside = path.length > 0 ? ` in ${where}` : "";
          problems.push({
            code: "MAPPING_UNKNOWN_KEY",
            message: `unknown key "${key}"${inside}${didYouMean(key, known)}`,
            position: at([...path, key], "key"),
          });
        }
        break;
      }
      case "invalid_union":
        problems.push(...unionProblems(path, value, root, locate));
        break;
      case "invalid_value": {
        const options = issue.values.map((v) => JSON.stringify(v)).join(", ");
        const hint = typeof value === "string" ? didYouMean(value, issue.values.map(String)) : "";
        problems.push({
          code: "MAPPING_INVALID_VALUE",
          message: `${where} must be one of ${options}, got ${typeOf(value)}${hint}`,
          position: at(path),
        });
        break;
      }
      case "invalid_type":
        problems.push(
          value === undefined
            ? { code: "MAPPING_MISSING_KEY", message: `${where} is required`, position: at(path) }
            : {
                code: "MAPPING_WRONG_TYPE",
                message: `${where} must be ${article(issue.expected)}, got ${typeOf(value)}`,
                position: at(path),
              },
        );
        break;
      case "too_small":
        problems.push({ code: "MAPPING_INVALID_VALUE", message: `${where} must not be empty`, position: at(path) });
        break;
      default:
        problems.push({ code: "MAPPING_INVALID_VALUE", message: `${where}: ${issue.message}`, position: at(path) });
    }
  }
  return problems;
}

function article(expected: string): string {
  if (expected === "object") return "an object";
  if (expected === "array") return "an array";
  return `a ${expected}`;
}

/** zod reports a failed union as "Invalid input"; re-check against the branch the author clearly meant. */
function unionProblems(path: PropertyKey[], value: unknown, root: unknown, locate: MappingLocator): MappingProblem[] {
  const where = describePath(path);
  const position = locate(path as JSONPath);
  const isObject = value !== null && typeof value === "object" && !Array.isArray(value);
  if (value === undefined) return [{ code: "MAPPING_MISSING_KEY", message: `${where} is required`, position }];
  if (path.length === 1 && path[0] === "phone") {
    if (!isObject)
      return [
        {
          code: "MAPPING_WRONG_TYPE",
          message: `phone must be a column name or {"column", "default_country"}, got ${typeOf(value)}`,
          position,
        },
      ];
    const phoneObject = PhoneSpecSchema.options[1];
    const result = phoneObject.safeParse(value);
    return result.success ? [] : issuesToProblems(result.error.issues, root, locate, path);
  }
  const expected = `${where} must be a column name or an object with "column", "value" or "template"`;
  if (!isObject) return [{ code: "MAPPING_WRONG_TYPE", message: `${expected}, got ${typeOf(value)}`, position }];
  const kinds = (Object.keys(VALUE_KINDS) as Array<keyof typeof VALUE_KINDS>).filter((k) => k in (value as object));
  if (kinds.length === 1) {
    const result = VALUE_KINDS[kinds[0]!].safeParse(value);
    return result.success ? [] : issuesToProblems(result.error.issues, root, locate, path);
  }
  if (kinds.length > 1) {
    return [
      {
        code: "MAPPING_INVALID_VALUE",
        message: `${where} has ${kinds.map((k) => `"${k}"`).join(" and ")}: use only one of them`,
        position,
      },
    ];
  }
  const unknown = Object.keys(value as object).filter((k) => !VALUE_KEYS.includes(k));
  if (unknown.length > 0) {
    return unknown.map((key) => ({
      code: "MAPPING_UNKNOWN_KEY",
      message: `unknown key "${key}" in ${where}${didYouMean(key, VALUE_KEYS)}`,
      position: locate([...path, key] as JSONPath, "key"),
    }));
  }
  return [{ code: "MAPPING_MISSING_KEY", message: `${expected}`, position }];
}

/** jsonc-parser keeps the last of two equal keys silently; in a config file that is almost always a mistake. */
function duplicateKeys(node: Node | undefined, locate: (offset: number) => FilePosition, out: MappingProblem[]): void {
  if (!node?.children) return;
  if (node.type === "object") {
    const seen = new Set<string>();
    for (const property of node.children) {
      const keyNode = property.children?.[0];
      if (!keyNode) continue;
      const key = String(keyNode.value);
      if (seen.has(key))
        out.push({
          code: "MAPPING_DUPLICATE_KEY",
          message: `key "${key}" appears twice in the same object`,
          position: locate(keyNode.offset),
        });
      seen.add(key);
    }
  }
  for (const child of node.children) duplicateKeys(child, locate, out);
}

/**
 * Parses a mapping text (comments and trailing commas allowed) into a normalized mapping. Throws ONE ConfigError
 * (MAPPING_INVALID) listing every syntax or schema problem with its line:column.
 */
export function parseMapping(text: string, file: string): LoadedMapping {
  const syntaxErrors: ParseError[] = [];
  const root = parseTree(text, syntaxErrors, {
    allowTrailingComma: true,
    disallowComments: false,
    allowEmptyContent: true,
  });
  const locate = createLocator(text, root);
  const offsetLocator = (offset: number) => positionOf(text, offset);
  if (syntaxErrors.length > 0 || !root) {
    const problems: MappingProblem[] = syntaxErrors.map((e) => ({
      code: "MAPPING_SYNTAX",
      message: `JSON syntax error: ${syntaxMessage(printParseErrorCode(e.error))}`,
      position: positionOf(text, e.offset),
    }));
    if (problems.length === 0)
      problems.push({ code: "MAPPING_SYNTAX", message: "the file is empty; expected a JSON object" });
    throw mappingError("MAPPING_INVALID", file, problems);
  }
  const value: unknown = getNodeValue(root);
  const problems: MappingProblem[] = [];
  duplicateKeys(root, offsetLocator, problems);
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    problems.push({
      code: "MAPPING_WRONG_TYPE",
      message: `the mapping must be a JSON object, got ${typeOf(value)}`,
      position: positionOf(text, root.offset),
    });
    throw mappingError("MAPPING_INVALID", file, problems);
  }
  const result = MappingSchema.safeParse(value);
  if (!result.success) problems.push(...issuesToProblems(result.error.issues, value, locate));
  if (problems.length > 0 || !result.success) throw mappingError("MAPPING_INVALID", file, problems);
  const loaded = { ...result.data, path: file } as LoadedMapping;
  Object.defineProperty(loaded, "locate", { value: locate, enumerable: false });
  return loaded;
}

function positionOf(text: string, offset: number): FilePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function syntaxMessage(code: string): string {
  const messages: Record<string, string> = {
    InvalidSymbol: "unexpected character",
    PropertyNameExpected: "expected a property name in double quotes",
    ValueExpected: "expected a value",
    ColonExpected: 'expected ":"',
    CommaExpected: 'expected ","',
    CloseBraceExpected: 'expected "}"',
    CloseBracketExpected: 'expected "]"',
    EndOfFileExpected: "unexpected content after the end of the object",
    UnexpectedEndOfString: "unterminated string",
    UnexpectedEndOfComment: "unterminated /* comment",
    InvalidCommentToken: "invalid comment",
  };
  return messages[code] ?? code;
}

/**
 * Reads and normalizes a mapping file (SPEC §4.2). Missing file → ConfigError MAPPING_NOT_FOUND; any syntax or
 * schema problem → ONE ConfigError MAPPING_INVALID listing them all as `file:line:column: message`.
 * @param displayName how messages name the file (the path as the user typed it). @default path
 */
export async function loadMapping(path: string, displayName: string = path): Promise<LoadedMapping> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      throw new ConfigError("MAPPING_NOT_FOUND", `Mapping file not found: ${displayName}`, {
        cause: error,
        context: { file: path },
      });
    throw new ConfigError(
      "MAPPING_UNREADABLE",
      `Could not read the mapping file ${displayName}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  // Editors on Windows save JSON with a BOM; jsonc-parser would call it an invalid symbol.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return parseMapping(text, displayName);
}
