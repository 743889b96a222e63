import { isSupportedCountry } from "libphonenumber-js/max";
import type { JSONPath } from "jsonc-parser";
import { toFieldApiName } from "../chatguru/field-names.js";
import type { WriteBackColumns } from "../core/row-result.js";
import { parseTemplate } from "./apply-mapping.js";
import {
  closest,
  describePath,
  mappingError,
  mappingProblem,
  type LoadedMapping,
  type MappingProblem,
} from "./load-mapping.js";
import type { Text } from "../core/text.js";
import { text } from "../messages/text.js";
import { didYouMeanText } from "./did-you-mean.js";
import type { ValueSpec } from "./schema.js";
import { compileTransform, knownTransformNames } from "./transforms.js";

/** Every value spec of a mapping with its JSON path in the file. */
export function valueSpecsOf(mapping: LoadedMapping): Array<{ path: JSONPath; spec: ValueSpec }> {
  const specs: Array<{ path: JSONPath; spec: ValueSpec }> = [];
  if (mapping.name !== undefined) specs.push({ path: ["name"], spec: mapping.name });
  for (const key of ["text", "user_id", "dialog_id"] as const) {
    const spec = mapping.chat_add?.[key];
    if (spec !== undefined) specs.push({ path: ["chat_add", key], spec });
  }
  for (const [field, spec] of Object.entries(mapping.custom_fields))
    specs.push({ path: ["custom_fields", field], spec });
  if (mapping.note !== undefined) specs.push({ path: ["note"], spec: mapping.note });
  if (mapping.dialog_execute)
    specs.push({ path: ["dialog_execute", "dialog_id"], spec: mapping.dialog_execute.dialog_id });
  if (mapping.message) specs.push({ path: ["message", "text"], spec: mapping.message.text });
  if (mapping.message?.send_date) specs.push({ path: ["message", "send_date"], spec: mapping.message.send_date });
  if (mapping.file) specs.push({ path: ["file", "url"], spec: mapping.file.url });
  if (mapping.file?.caption) specs.push({ path: ["file", "caption"], spec: mapping.file.caption });
  for (const [name, spec] of Object.entries(mapping.context ?? {})) specs.push({ path: ["context", name], spec });
  return specs;
}

/** Input columns a mapping reads (phone, key, every column and template placeholder). */
export function mappedColumns(mapping: LoadedMapping): Set<string> {
  const columns = new Set<string>([mapping.phone.column]);
  if (mapping.key !== undefined) columns.add(mapping.key);
  for (const { spec } of valueSpecsOf(mapping)) {
    if (typeof spec === "string") columns.add(spec);
    else if ("column" in spec) columns.add(spec.column);
    else if ("template" in spec) for (const column of parseTemplate(spec.template).columns) columns.add(column);
  }
  return columns;
}

/**
 * A bare string is a column name, so `"note": "Oi {{Nome}}"` looks for a column called `Oi {{Nome}}`. Say that, how to
 * write a template instead, and which placeholders are misspelt (did-you-mean) — undefined when `column` has no `{{…}}`.
 */
function placeholdersInColumn(column: string, path: JSONPath, what: string, headers: string[]): Text | undefined {
  const { columns } = parseTemplate(column);
  if (columns.length === 0) return undefined;
  const headerSet = new Set(headers);
  const typos = columns
    .filter((name) => !headerSet.has(name))
    .map((name) => text("mapping.braces.typo", { name, hint: didYouMeanText(name, headers) }));
  // phone and key take a column only; "{{Nome}}" alone is simply the column Nome; anything else wants a template.
  const whole = columns.length === 1 && /^\s*\{\{[^{}]*\}\}\s*$/.test(column);
  const known = columns.length === 1 && headerSet.has(columns[0]!) ? columns[0] : undefined;
  const fix =
    whole || path[0] === "phone" || path[0] === "key"
      ? text("mapping.braces.noBraces", { known })
      : text("mapping.braces.template", { json: JSON.stringify(column) });
  return text("mapping.braces", { what, json: JSON.stringify(column), fix, typos });
}

/** One check of a mapping against a header: every problem is collected, each with its place in the file. */
class RuleCheck {
  readonly problems: MappingProblem[] = [];
  readonly #headerSet: Set<string>;
  readonly #listed: string;

  constructor(
    readonly mapping: LoadedMapping,
    readonly headers: string[],
  ) {
    this.#headerSet = new Set(headers);
    const shown = headers.slice(0, 12).map((h) => `"${h}"`);
    this.#listed = `${shown.join(", ")}${headers.length > 12 ? ", …" : ""}`;
  }

  locate(path: JSONPath, target: "key" | "value" = "value") {
    return this.mapping.locate?.(path, target);
  }

  add(code: MappingProblem["code"], said: Text, path: JSONPath, target: "key" | "value" = "value"): void {
    this.problems.push(mappingProblem(code, said, this.locate(path, target)));
  }

  /** ` (did you mean "X"?)`, or the header's first columns when nothing is close. */
  #suggest(name: string): Text {
    const suggestion = closest(name, this.headers);
    return suggestion !== undefined
      ? text("mapping.didYouMean", { suggestion })
      : text("mapping.headerHas", { listed: this.#listed });
  }

  requireColumn(column: string, path: JSONPath, what: string): void {
    if (this.#headerSet.has(column)) return;
    const braces = placeholdersInColumn(column, path, what, this.headers);
    if (braces !== undefined) return this.add("MAPPING_UNKNOWN_COLUMN", braces, path);
    this.add(
      "MAPPING_UNKNOWN_COLUMN",
      text("mapping.notInHeader", { what, column, hint: this.#suggest(column) }),
      path,
    );
  }

  phoneAndKey(): void {
    const { phone, key } = this.mapping;
    this.requireColumn(phone.column, ["phone", "column"], "phone");
    if (!isSupportedCountry(phone.default_country)) {
      this.add("MAPPING_UNKNOWN_COUNTRY", text("mapping.unknownCountry", { country: phone.default_country }), [
        "phone",
        "default_country",
      ]);
    }
    if (key !== undefined) this.requireColumn(key, ["key"], "key");
  }

  valueSpec(path: JSONPath, spec: ValueSpec): void {
    const what = describePath(path);
    if (typeof spec === "string") return this.requireColumn(spec, path, what);
    if ("column" in spec) this.requireColumn(spec.column, [...path, "column"], what);
    if ("template" in spec) this.#template(path, spec.template, what);
    if ("transform" in spec && spec.transform) this.#transforms(path, spec.transform, what);
  }

  #template(path: JSONPath, source: string, what: string): void {
    const template = parseTemplate(source);
    for (const column of template.columns) {
      if (this.#headerSet.has(column)) continue;
      const said = text("mapping.templateColumn", { what, column, hint: this.#suggest(column) });
      this.add("MAPPING_UNKNOWN_COLUMN", said, [...path, "template"]);
    }
    if (template.unclosed) this.add("MAPPING_BAD_TEMPLATE", text("mapping.unclosed", { what }), [...path, "template"]);
  }

  #transforms(path: JSONPath, names: string[], what: string): void {
    names.forEach((name, i) => {
      const compiled = compileTransform(name);
      if (compiled.ok) return;
      const unknown = !name.startsWith("date:");
      const suggestion = unknown ? closest(name, knownTransformNames()) : undefined;
      const hint = suggestion
        ? text("mapping.didYouMean", { suggestion })
        : unknown
          ? text("mapping.transformsKnown")
          : "";
      const code = unknown ? "MAPPING_UNKNOWN_TRANSFORM" : "MAPPING_BAD_TRANSFORM";
      this.add(code, text("mapping.transform", { what, message: compiled.text, hint }), [...path, "transform", i]);
    });
  }

  /** Two panel names that become the same API name would overwrite each other. */
  duplicateFields(): void {
    const apiNames = new Map<string, string>();
    for (const field of Object.keys(this.mapping.custom_fields)) {
      const apiName = toFieldApiName(field);
      const first = apiNames.get(apiName);
      if (first === undefined) apiNames.set(apiName, field);
      else {
        const said = text("mapping.sameField", { field, first, apiName });
        this.add("MAPPING_DUPLICATE_FIELD", said, ["custom_fields", field], "key");
      }
    }
  }

  /** A result column must not overwrite an input column or another result column. */
  writeBack(): void {
    const inputs = mappedColumns(this.mapping);
    const owners = new Map<string, string>();
    for (const [slot, column] of Object.entries(this.mapping.write_back) as Array<[keyof WriteBackColumns, string]>) {
      if (inputs.has(column)) {
        this.add("MAPPING_WRITE_BACK_CONFLICT", text("mapping.writeBackInput", { slot, column }), ["write_back", slot]);
      }
      const owner = owners.get(column);
      if (owner === undefined) owners.set(column, slot);
      else {
        const said = text("mapping.writeBackSame", { slot, owner, column });
        this.add("MAPPING_WRITE_BACK_CONFLICT", said, ["write_back", slot]);
      }
    }
  }
}

/**
 * Checks a mapping against the source header before anything is sent. Collects EVERY problem and throws
 * one ConfigError (MAPPING_RULES) listing them with their line:column; returns normally when all is well.
 */
export function checkMapping(mapping: LoadedMapping, headers: string[]): void {
  const check = new RuleCheck(mapping, headers);
  check.phoneAndKey();
  for (const { path, spec } of valueSpecsOf(mapping)) check.valueSpec(path, spec);
  check.duplicateFields();
  check.writeBack();
  if (check.problems.length > 0) throw mappingError("MAPPING_RULES", mapping.path, check.problems);
}
