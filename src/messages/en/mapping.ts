import type { Entry } from "../catalog.js";

/** What jsonc-parser calls each syntax error, in words (mapping/load-mapping.ts). */
export type SyntaxErrorName =
  | "InvalidSymbol"
  | "PropertyNameExpected"
  | "ValueExpected"
  | "ColonExpected"
  | "CommaExpected"
  | "CloseBraceExpected"
  | "CloseBracketExpected"
  | "EndOfFileExpected"
  | "UnexpectedEndOfString"
  | "UnexpectedEndOfComment"
  | "InvalidCommentToken";

const SYNTAX: Record<SyntaxErrorName, string> = {
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

/** The mapping file: where it is wrong (`file:line:column`) and how to fix it. */
export const mappingEn = {
  "mapping.notFound": (p: { file: string }) => `Mapping file not found: ${p.file}`,
  "mapping.unreadable": (p: { file: string; message: string }) =>
    `Could not read the mapping file ${p.file}: ${p.message}`,
  "mapping.problems": (p: { file: string; count: number; lines: readonly string[] }) =>
    `Mapping ${p.file} has ${p.count} problem${p.count === 1 ? "" : "s"}:\n${p.lines.join("\n")}`,
  "mapping.problemAt": (p: { file: string; line: number | undefined; column: number | undefined; message: string }) =>
    `${p.file}${p.line !== undefined ? `:${p.line}:${p.column}` : ""}: ${p.message}`,
  "mapping.syntax": (p: { what: string }) => `JSON syntax error: ${p.what}`,
  "mapping.syntaxName": (p: { name: SyntaxErrorName }) => SYNTAX[p.name],
  "mapping.empty": "the file is empty; expected a JSON object",
  "mapping.tooDeep": (p: { max: number }) =>
    `objects and lists nest more than ${p.max} levels deep here, and a mapping needs at most 4: is this the mapping file?`,
  "mapping.notObject": (p: { got: string }) => `the mapping must be a JSON object, got ${p.got}`,
  "mapping.duplicateKey": (p: { key: string }) => `key "${p.key}" appears twice in the same object`,
  "mapping.type.nothing": "nothing",
  "mapping.type.null": "null",
  "mapping.type.array": "an array",
  "mapping.type.object": "an object",
  "mapping.type.string": (p: { json: string }) => `the string ${p.json}`,
  "mapping.type.other": (p: { type: string; json: string }) => `${p.type} ${p.json}`,
  "mapping.a": (p: { expected: string }) =>
    p.expected === "object" ? "an object" : p.expected === "array" ? "an array" : `a ${p.expected}`,
  "mapping.didYouMean": (p: { suggestion: string }) => ` (did you mean "${p.suggestion}"?)`,
  "mapping.unknownKey": (p: { key: string; where: string | undefined; hint: string }) =>
    `unknown key "${p.key}"${p.where !== undefined ? ` in ${p.where}` : ""}${p.hint}`,
  "mapping.oneOf": (p: { where: string; options: string; got: string; hint: string }) =>
    `${p.where} must be one of ${p.options}, got ${p.got}${p.hint}`,
  "mapping.required": (p: { where: string }) => `${p.where} is required`,
  "mapping.wrongType": (p: { where: string; expected: string; got: string }) =>
    `${p.where} must be ${p.expected}, got ${p.got}`,
  "mapping.notEmpty": (p: { where: string }) => `${p.where} must not be empty`,
  "mapping.other": (p: { where: string; message: string }) => `${p.where}: ${p.message}`,
  "mapping.phoneShape": (p: { got: string }) =>
    `phone must be a column name or {"column", "default_country"}, got ${p.got}`,
  "mapping.valueShape": (p: { where: string; got: string | undefined }) =>
    `${p.where} must be a column name or an object with "column", "value" or "template"${p.got !== undefined ? `, got ${p.got}` : ""}`,
  "mapping.onlyOne": (p: { where: string; kinds: readonly string[] }) =>
    `${p.where} has ${p.kinds.map((k) => `"${k}"`).join(" and ")}: use only one of them`,
  "mapping.braces": (p: { what: string; json: string; fix: string; typos: readonly string[] }) =>
    `${p.what} is the text ${p.json}, which is read as a column name; ${p.fix}${p.typos.length > 0 ? ` — ${p.typos.join(", ")}` : ""}`,
  "mapping.braces.typo": (p: { name: string; hint: string }) => `{{${p.name}}} is not a column${p.hint}`,
  "mapping.braces.noBraces": (p: { known: string | undefined }) =>
    `write the column name without braces${p.known !== undefined ? `: "${p.known}"` : ""}`,
  "mapping.braces.template": (p: { json: string }) => `to fill in cells write { "template": ${p.json} }`,
  "mapping.notInHeader": (p: { what: string; column: string; hint: string }) =>
    `${p.what} names column "${p.column}", which is not in the source header${p.hint}`,
  "mapping.headerHas": (p: { listed: string }) => ` (the header has ${p.listed || "no columns"})`,
  "mapping.unknownCountry": (p: { country: string }) =>
    `phone.default_country "${p.country}" is not a known country code (e.g. "BR", "PT", "US")`,
  "mapping.templateColumn": (p: { what: string; column: string; hint: string }) =>
    `${p.what} template uses {{${p.column}}}, which is not a column of the source header${p.hint}`,
  "mapping.unclosed": (p: { what: string }) => `${p.what} template has an unclosed "{{"`,
  "mapping.transform": (p: { what: string; message: string; hint: string }) => `${p.what}: ${p.message}${p.hint}`,
  "mapping.transformsKnown": " (known: trim, upper, lower, title, digits, date:FROM->TO)",
  "mapping.transform.unknown": (p: { name: string }) => `unknown transform "${p.name}"`,
  "mapping.transform.noArrow": (p: { spec: string }) =>
    `date transform "${p.spec}" needs "->" between the input and output patterns, e.g. "date:DD/MM/YYYY->YYYY-MM-DD"`,
  "mapping.transform.noInputTokens": (p: { spec: string; from: string }) =>
    `date transform "${p.spec}": the input pattern "${p.from}" has no date tokens (DD MM YYYY YY HH mm ss)`,
  "mapping.transform.repeats": (p: { spec: string; from: string }) =>
    `date transform "${p.spec}": a token repeats in the input pattern "${p.from}"`,
  "mapping.transform.noOutputTokens": (p: { spec: string; to: string }) =>
    `date transform "${p.spec}": the output pattern "${p.to}" has no date tokens (DD MM YYYY YY HH mm ss)`,
  "mapping.transform.notInInput": (p: { spec: string; token: string; from: string }) =>
    `date transform "${p.spec}": the output token ${p.token} is not in the input pattern "${p.from}"`,
  "mapping.at": (p: { where: string; message: string }) => `${p.where}: ${p.message}`,
  "mapping.sameField": (p: { field: string; first: string; apiName: string }) =>
    `custom field "${p.field}" and "${p.first}" are the same ChatGuru field (${p.apiName})`,
  "mapping.writeBackInput": (p: { slot: string; column: string }) =>
    `write_back.${p.slot} "${p.column}" is also an input column of the mapping; results would overwrite the data they came from`,
  "mapping.writeBackSame": (p: { slot: string; owner: string; column: string }) =>
    `write_back.${p.slot} and write_back.${p.owner} both write column "${p.column}"`,
} satisfies Record<string, Entry>;
