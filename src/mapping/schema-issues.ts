import type { JSONPath } from "jsonc-parser";
import type * as z from "zod";
import type { MappingLocator, MappingProblem } from "./load-mapping.js";
import { describePath } from "./describe-path.js";
import type { Text } from "../core/text.js";
import { text } from "../messages/text.js";
import { english } from "../messages/translate.js";
import { didYouMeanText as didYouMean } from "./did-you-mean.js";
import { mappingProblem } from "./mapping-problem.js";
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
  return english(typeText(value));
}

/** What a value is, in words: `nothing`, `an array`, `the string "x"`, `number 3`. */
export function typeText(value: unknown): Text {
  if (value === undefined) return text("mapping.type.nothing");
  if (value === null) return text("mapping.type.null");
  if (Array.isArray(value)) return text("mapping.type.array");
  if (typeof value === "object") return text("mapping.type.object");
  if (typeof value === "string") return text("mapping.type.string", { json: JSON.stringify(value) });
  return text("mapping.type.other", { type: typeof value, json: String(JSON.stringify(value)) });
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
          const inside = path.length > 0 ? where : undefined;
          problems.push(
            mappingProblem(
              "MAPPING_UNKNOWN_KEY",
              text("mapping.unknownKey", { key, where: inside, hint: didYouMean(key, known) }),
              at([...path, key], "key"),
            ),
          );
        }
        break;
      }
      case "invalid_union":
        problems.push(...unionProblems(path, value, root, locate));
        break;
      case "invalid_value": {
        const options = issue.values.map((v) => JSON.stringify(v)).join(", ");
        const hint = typeof value === "string" ? didYouMean(value, issue.values.map(String)) : "";
        problems.push(
          mappingProblem(
            "MAPPING_INVALID_VALUE",
            text("mapping.oneOf", { where, options, got: typeText(value), hint }),
            at(path),
          ),
        );
        break;
      }
      case "invalid_type":
        problems.push(
          value === undefined
            ? mappingProblem("MAPPING_MISSING_KEY", text("mapping.required", { where }), at(path))
            : mappingProblem(
                "MAPPING_WRONG_TYPE",
                text("mapping.wrongType", {
                  where,
                  expected: text("mapping.a", { expected: issue.expected }),
                  got: typeText(value),
                }),
                at(path),
              ),
        );
        break;
      case "too_small":
        problems.push(mappingProblem("MAPPING_INVALID_VALUE", text("mapping.notEmpty", { where }), at(path)));
        break;
      default:
        // zod's own words (English) for a check the mapping schema rarely makes.
        problems.push(
          mappingProblem("MAPPING_INVALID_VALUE", text("mapping.other", { where, message: issue.message }), at(path)),
        );
    }
  }
  return problems;
}

/** zod reports a failed union as "Invalid input"; re-check against the branch the author clearly meant. */
function unionProblems(path: PropertyKey[], value: unknown, root: unknown, locate: MappingLocator): MappingProblem[] {
  const where = describePath(path);
  const position = locate(path as JSONPath);
  const isObject = value !== null && typeof value === "object" && !Array.isArray(value);
  if (value === undefined)
    return [mappingProblem("MAPPING_MISSING_KEY", text("mapping.required", { where }), position)];
  if (path.length === 1 && path[0] === "phone") {
    if (!isObject)
      return [mappingProblem("MAPPING_WRONG_TYPE", text("mapping.phoneShape", { got: typeText(value) }), position)];
    const phoneObject = PhoneSpecSchema.options[1];
    const result = phoneObject.safeParse(value);
    return result.success ? [] : issuesToProblems(result.error.issues, root, locate, path);
  }
  if (!isObject)
    return [
      mappingProblem("MAPPING_WRONG_TYPE", text("mapping.valueShape", { where, got: typeText(value) }), position),
    ];
  const kinds = (Object.keys(VALUE_KINDS) as Array<keyof typeof VALUE_KINDS>).filter((k) => k in (value as object));
  if (kinds.length === 1) {
    const result = VALUE_KINDS[kinds[0]!].safeParse(value);
    return result.success ? [] : issuesToProblems(result.error.issues, root, locate, path);
  }
  if (kinds.length > 1) {
    return [mappingProblem("MAPPING_INVALID_VALUE", text("mapping.onlyOne", { where, kinds }), position)];
  }
  const unknown = Object.keys(value as object).filter((k) => !VALUE_KEYS.includes(k));
  if (unknown.length > 0) {
    return unknown.map((key) =>
      mappingProblem(
        "MAPPING_UNKNOWN_KEY",
        text("mapping.unknownKey", { key, where, hint: didYouMean(key, VALUE_KEYS) }),
        locate([...path, key] as JSONPath, "key"),
      ),
    );
  }
  return [mappingProblem("MAPPING_MISSING_KEY", text("mapping.valueShape", { where, got: undefined }), position)];
}

/** jsonc-parser keeps the last of two equal keys silently; in a config file that is almost always a mistake. */
