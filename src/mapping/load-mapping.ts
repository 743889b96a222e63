import { readFile } from "node:fs/promises";
import {
  createScanner,
  findNodeAtLocation,
  getNodeValue,
  parseTree,
  printParseErrorCode,
  type JSONPath,
  type Node,
  type ParseError,
} from "jsonc-parser";
import type { MappingErrorCode } from "../core/error-codes.js";
import { ConfigError, isConfigError, UsageError } from "../errors.js";
import { MappingSchema, ValueSpecSchema, type Mapping, type ValueSpec } from "./schema.js";
import { issuesToProblems, typeText } from "./schema-issues.js";
import type { Text } from "../core/text.js";
import { text } from "../messages/text.js";
import { english } from "../messages/translate.js";
import type { SyntaxErrorName } from "../messages/en/mapping.js";
import { mappingProblem, type FilePosition, type MappingProblem } from "./mapping-problem.js";

// Re-exported: rules.ts, init and the CLI name problems with these.
export { closest, didYouMean } from "./did-you-mean.js";
export { describePath } from "./describe-path.js";

export { mappingProblem, type FilePosition, type MappingProblem } from "./mapping-problem.js";

/** Finds a JSON path in the mapping file; `"key"` points at the property name instead of its value. */
export type MappingLocator = (path: JSONPath, target?: "key" | "value") => FilePosition | undefined;

/**
 * A mapping with defaults filled, plus where it came from. `locate` (non-enumerable, so the object still serializes
 * to plain data) lets later checks (rules.ts) report `file:line:column`.
 */
export type LoadedMapping = Mapping & { path: string; readonly locate?: MappingLocator };

/** `mapping.json:4:11: unknown key "modo" (did you mean "mode"?)` — one line per problem, sorted by position. */
export function formatMappingProblems(file: string, problems: MappingProblem[]): string {
  return problemLines(file, problems).map(english).join("\n");
}

function problemLines(file: string, problems: MappingProblem[]): Text[] {
  return [...problems]
    .sort(
      (a, b) =>
        (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.column ?? 0) - (b.position?.column ?? 0),
    )
    .map((p) =>
      text("mapping.problemAt", {
        file,
        line: p.position?.line,
        column: p.position?.column,
        message: p.text ?? p.message,
      }),
    );
}

/** One ConfigError carrying every problem (the message lists them all; `context.problems` has them as data). */
export function mappingError(code: MappingErrorCode, file: string, problems: MappingProblem[]): ConfigError {
  const said = text("mapping.problems", { file, count: problems.length, lines: problemLines(file, problems) });
  return new ConfigError(code, said, { context: { file, problems } });
}

function createLocator(source: string, root: Node | undefined): MappingLocator {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) lineStarts.push(i + 1);
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

function duplicateKeys(node: Node | undefined, locate: (offset: number) => FilePosition, out: MappingProblem[]): void {
  if (!node?.children) return;
  if (node.type === "object") {
    const seen = new Set<string>();
    for (const property of node.children) {
      const keyNode = property.children?.[0];
      if (!keyNode) continue;
      const key = String(keyNode.value);
      if (seen.has(key))
        out.push(
          mappingProblem("MAPPING_DUPLICATE_KEY", text("mapping.duplicateKey", { key }), locate(keyNode.offset)),
        );
      seen.add(key);
    }
  }
  for (const child of node.children) duplicateKeys(child, locate, out);
}

/** Far deeper than any mapping (custom_fields → name → transform → list is 4 levels). */
const MAX_DEPTH = 64;
// jsonc-parser's SyntaxKind is a const enum, which isolated modules cannot read.
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const EOF = 17;

/**
 * Where the text first nests deeper than MAX_DEPTH, found with jsonc-parser's scanner (a loop, strings and comments
 * understood). jsonc-parser's tree builder recurses once per level: a file of 100 000 `[` ended in "RangeError: Maximum
 * call stack size exceeded" and a stack trace instead of a mapping error.
 */
function tooDeepAt(source: string): number | undefined {
  const scanner = createScanner(source, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== EOF; token = scanner.scan()) {
    if (token === OPEN_BRACE || token === OPEN_BRACKET) {
      depth += 1;
      if (depth > MAX_DEPTH) return scanner.getTokenOffset();
    } else if ((token === CLOSE_BRACE || token === CLOSE_BRACKET) && depth > 0) depth -= 1;
  }
  return undefined;
}

/**
 * Parses a mapping text (comments and trailing commas allowed) into a normalized mapping. Throws ONE ConfigError
 * (MAPPING_INVALID) listing every syntax or schema problem with its line:column.
 */
export function parseMapping(source: string, file: string): LoadedMapping {
  const deep = tooDeepAt(source);
  if (deep !== undefined) {
    throw mappingError("MAPPING_INVALID", file, [
      mappingProblem("MAPPING_SYNTAX", text("mapping.tooDeep", { max: MAX_DEPTH }), positionOf(source, deep)),
    ]);
  }
  const syntaxErrors: ParseError[] = [];
  const root = parseTree(source, syntaxErrors, {
    allowTrailingComma: true,
    disallowComments: false,
    allowEmptyContent: true,
  });
  const locate = createLocator(source, root);
  const offsetLocator = (offset: number) => positionOf(source, offset);
  if (syntaxErrors.length > 0 || !root) {
    const problems: MappingProblem[] = syntaxErrors.map((e) =>
      mappingProblem(
        "MAPPING_SYNTAX",
        text("mapping.syntax", { what: syntaxMessage(printParseErrorCode(e.error)) }),
        positionOf(source, e.offset),
      ),
    );
    if (problems.length === 0) problems.push(mappingProblem("MAPPING_SYNTAX", text("mapping.empty")));
    throw mappingError("MAPPING_INVALID", file, problems);
  }
  const value: unknown = getNodeValue(root);
  const problems: MappingProblem[] = [];
  duplicateKeys(root, offsetLocator, problems);
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    problems.push(
      mappingProblem(
        "MAPPING_WRONG_TYPE",
        text("mapping.notObject", { got: typeText(value) }),
        positionOf(source, root.offset),
      ),
    );
    throw mappingError("MAPPING_INVALID", file, problems);
  }
  return mappingFromValue(value as Record<string, unknown>, file, locate, problems);
}

/** The schema's part of parsing: a JSON object → a normalized mapping, or ONE ConfigError listing every problem. */
function mappingFromValue(
  value: Record<string, unknown>,
  file: string,
  locate: MappingLocator,
  problems: MappingProblem[] = [],
): LoadedMapping {
  const result = MappingSchema.safeParse(value);
  if (!result.success) problems.push(...issuesToProblems(result.error.issues, value, locate));
  const named = result.success ? withNamesKept(value, result.data, locate, problems) : {};
  if (problems.length > 0 || !result.success) throw mappingError("MAPPING_INVALID", file, problems);
  const loaded = { ...result.data, ...named, path: file } as LoadedMapping;
  Object.defineProperty(loaded, "locate", { value: locate, enumerable: false });
  return loaded;
}

/**
 * A mapping object handed to sync() or validate() instead of a file: checked like a file's content (a hand-built
 * `{a: 1}` threw raw TypeErrors deep in the run), normalized, and given back. It needs its `path`: the journal is kept
 * beside the mapping file. Problems are a UsageError naming the option.
 */
export function checkLoadedMapping(value: object, option: string): LoadedMapping {
  const { path, ...rest } = value as Record<string, unknown>;
  if (typeof path !== "string" || path.trim() === "") {
    throw new UsageError(
      `Expected \`${option}\` to be a mapping file's path or the mapping loadMapping() returned (with its \`path\`: the journal is kept beside the file), got an object without \`path\``,
    );
  }
  const given = (value as { locate?: unknown }).locate;
  const locate: MappingLocator = typeof given === "function" ? (given as MappingLocator) : () => undefined;
  try {
    return mappingFromValue(rest, path, locate);
  } catch (error) {
    if (!isConfigError(error)) throw error;
    throw new UsageError(`Expected \`${option}\` to be a valid mapping: ${error.message}`, { cause: error });
  }
}

/** The mapping's name → value objects: keys are the person's own words (field and variable names). */
const NAMED_VALUES = ["custom_fields", "context"] as const;

/**
 * `custom_fields` and `context` as objects without a prototype, every name kept. zod's record leaves a `__proto__` key
 * out (on a plain object assigning it would set the prototype), so a custom field named `__proto__` was silently
 * dropped; such an entry is checked here and kept like any other name.
 */
function withNamesKept(
  raw: Record<string, unknown>,
  parsed: Mapping,
  locate: MappingLocator,
  problems: MappingProblem[],
): Partial<Pick<Mapping, (typeof NAMED_VALUES)[number]>> {
  const out: Partial<Pick<Mapping, (typeof NAMED_VALUES)[number]>> = {};
  for (const name of NAMED_VALUES) {
    const given = parsed[name];
    if (given === undefined) continue;
    const names = Object.create(null) as Record<string, ValueSpec>;
    const written = raw[name];
    for (const key of written !== null && typeof written === "object" ? Object.keys(written) : []) {
      if (Object.hasOwn(given, key)) names[key] = given[key]!;
      else {
        const spec = ValueSpecSchema.safeParse((written as Record<string, unknown>)[key]);
        if (spec.success) names[key] = spec.data;
        else problems.push(...issuesToProblems(spec.error.issues, raw, locate, [name, key]));
      }
    }
    out[name] = names;
  }
  return out;
}

function positionOf(source: string, offset: number): FilePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const SYNTAX_NAMES = new Set<string>([
  "InvalidSymbol",
  "PropertyNameExpected",
  "ValueExpected",
  "ColonExpected",
  "CommaExpected",
  "CloseBraceExpected",
  "CloseBracketExpected",
  "EndOfFileExpected",
  "UnexpectedEndOfString",
  "UnexpectedEndOfComment",
  "InvalidCommentToken",
]);

/** jsonc-parser's error name in words (the catalog's), or the name itself for one it added later. */
function syntaxMessage(code: string): Text | string {
  return SYNTAX_NAMES.has(code) ? text("mapping.syntaxName", { name: code as SyntaxErrorName }) : code;
}

/**
 * Reads and normalizes a mapping file. Missing file → ConfigError MAPPING_NOT_FOUND; any syntax or
 * schema problem → ONE ConfigError MAPPING_INVALID listing them all as `file:line:column: message`.
 * @param displayName how messages name the file (the path as the user typed it). @default path
 */
export async function loadMapping(path: string, displayName: string = path): Promise<LoadedMapping> {
  let source: string;
  try {
    source = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      throw new ConfigError("MAPPING_NOT_FOUND", text("mapping.notFound", { file: displayName }), {
        cause: error,
        context: { file: path },
      });
    throw new ConfigError(
      "MAPPING_UNREADABLE",
      text("mapping.unreadable", { file: displayName, message: (error as Error).message }),
      { cause: error },
    );
  }
  // Editors on Windows save JSON with a BOM; jsonc-parser would call it an invalid symbol.
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  return parseMapping(source, displayName);
}
