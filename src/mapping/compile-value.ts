import { ConfigError } from "../errors.js";
import { text } from "../messages/text.js";
import type { ValueSpec } from "./schema.js";
import { chainTransforms, compileTransform, TransformFailure, type Transform } from "./transforms.js";

export interface ParsedTemplate {
  /** Literal text around the placeholders: always `columns.length + 1` entries. */
  literals: string[];
  columns: string[];
  /** A `{{` with no matching `}}`. */
  unclosed: boolean;
}

/** `"{{Cidade}}/{{UF}}"` → literals ["", "/", ""], columns ["Cidade", "UF"]. Spaces inside the braces are ignored. */
export function parseTemplate(template: string): ParsedTemplate {
  const literals: string[] = [];
  const columns: string[] = [];
  let rest = 0;
  const re = /\{\{([^{}]*)\}\}/g;
  for (const match of template.matchAll(re)) {
    literals.push(template.slice(rest, match.index));
    columns.push(match[1]!.trim());
    rest = match.index + match[0].length;
  }
  literals.push(template.slice(rest));
  return { literals, columns, unclosed: literals.some((l) => l.includes("{{")) };
}

export type Values = Record<string, string>;
type Getter = (values: Values) => string | TransformFailure;

export interface CompiledValue {
  /** The column a problem with this value is reported on. */
  column: string | undefined;
  get: Getter;
}

function compileTransforms(names: string[] | undefined, where: string): Transform | undefined {
  if (!names || names.length === 0) return undefined;
  return chainTransforms(
    names.map((name) => {
      const compiled = compileTransform(name);
      // checkMapping() reports these with line:column first; reaching this means it was skipped.
      if (!compiled.ok) throw new ConfigError("MAPPING_RULES", text("mapping.at", { where, message: compiled.text }));
      return compiled.transform;
    }),
  );
}

/** Value spec → getter, compiled once per mapping (the per-row path must stay cheap). */
export function compileValue(spec: ValueSpec, where: string): CompiledValue {
  if (typeof spec === "string") return { column: spec, get: (values) => values[spec] ?? "" };
  if ("value" in spec) {
    const constant = spec.value;
    return { column: undefined, get: () => constant };
  }
  if ("column" in spec) {
    const { column } = spec;
    const transform = compileTransforms(spec.transform, where);
    const fallback = spec.default;
    return {
      column,
      get: (values) => {
        const raw = values[column] ?? "";
        const value = transform ? transform(raw) : raw;
        if (fallback !== undefined && typeof value === "string" && value.trim() === "") return fallback;
        return value;
      },
    };
  }
  const { literals, columns } = parseTemplate(spec.template);
  const transform = compileTransforms(spec.transform, where);
  const render = (values: Values): string => {
    // A template whose every placeholder is empty is an empty value ("/" for "{{Cidade}}/{{UF}}" says nothing).
    let out = literals[0]!;
    let anyValue = columns.length === 0;
    for (let i = 0; i < columns.length; i++) {
      const cell = values[columns[i]!] ?? "";
      if (cell.trim() !== "") anyValue = true;
      out += cell + literals[i + 1]!;
    }
    return anyValue ? out : "";
  };
  return { column: columns[0], get: transform ? (values) => transform(render(values)) : render };
}
