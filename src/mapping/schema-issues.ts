import type { JSONPath } from "jsonc-parser";
import type * as z from "zod";
import type { MappingLocator, MappingProblem } from "./load-mapping.js";
import { describePath } from "./describe-path.js";
import { didYouMean } from "./did-you-mean.js";
import { MappingObjectSchema, PhoneSpecSchema, VALUE_KINDS, WriteBackSchema } from "./schema.js";

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

export function typeOf(value: unknown): string {
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
export function issuesToProblems(
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
