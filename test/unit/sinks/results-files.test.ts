import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { DEFAULT_WRITE_BACK, type RowResult } from "../../../src/core/row-result.js";
import type { Source } from "../../../src/sources/source.js";
import { createCsvSink } from "../../../src/sinks/csv-sink.js";
import { createErrorsSink } from "../../../src/sinks/errors-sink.js";
import { asText, resultLayout } from "../../../src/sinks/result-layout.js";
import { defaultResultsPath, errorsPath, planPath } from "../../../src/sinks/results-paths.js";
import { createXlsxSink } from "../../../src/sinks/xlsx-sink.js";

const freshDir = () => mkdtempSync(join(tmpdir(), "cgs-files-"));
const source = (path: string | undefined, kind: Source["kind"] = "csv") =>
  ({ kind, id: path ?? "x", label: "x", ...(path ? { path } : {}), open: async () => ({}) as never }) as Source;
const row = (seq: number, status: string | undefined, values: Record<string, string> = { Tel: String(seq) }) =>
  ({ seq, rowNumber: seq + 2, values, ...(status ? { status } : {}) }) as RowResult;

describe("asText (OWASP CSV injection)", () => {
  it("prefixes = + - @ tab and CR with a quote; anything else is unchanged", () => {
    for (const risky of ["=1+1", "+5511", "-2", "@SUM(A1)", "\t=x", "\r=x"]) expect(asText(risky)).toBe(`'${risky}`);
    for (const safe of ["", "ROW_PHONE_INVALID: =1", "5511", "created"]) expect(asText(safe)).toBe(safe);
  });

  it("applies to the added columns only: input cells are copied as read", () => {
    const layout = resultLayout(["Nome"], ["status", "error"], DEFAULT_WRITE_BACK);
    expect(layout.record({ ...row(0, "failed", { Nome: "=HYPERLINK(1)" }), error: "=cmd|'/c calc'!A0" })).toEqual([
      "=HYPERLINK(1)",
      "failed",
      "'=cmd|'/c calc'!A0",
    ]);
  });

  it("CSV and workbook files both show an added =… as text", async () => {
    const dir = freshDir();
    const options = { headers: ["Tel"], columns: ["status", "error"] as const, writeBack: DEFAULT_WRITE_BACK };
    const csv = createCsvSink({ ...options, columns: [...options.columns], path: join(dir, "r.csv") });
    await csv.write({ ...row(0, "failed"), error: "@x" });
    await csv.close();
    expect(readFileSync(join(dir, "r.csv"), "utf8")).toContain("0,failed,'@x");
    const xlsx = createXlsxSink({ ...options, columns: [...options.columns], path: join(dir, "r.xlsx") });
    await xlsx.write({ ...row(0, "failed"), error: "=1+1" });
    await xlsx.close();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "r.xlsx"));
    expect(wb.worksheets[0]!.getRow(2).getCell(3).value).toBe("'=1+1");
  });
});

describe("results paths", () => {
  it("results, errors and plan share the source's name", () => {
    const csv = source("/d/leads.csv");
    expect(defaultResultsPath(csv, "/cwd")).toBe("/d/leads.results.csv");
    expect(errorsPath("/d/leads.results.csv", csv)).toBe("/d/leads.errors.csv");
    expect(planPath(csv, "/cwd")).toBe("/d/leads.plan.csv");
    const book = source("/d/leads.xlsx", "xlsx");
    expect(defaultResultsPath(book, "/cwd")).toBe("/d/leads.results.xlsx");
    expect(errorsPath("/d/leads.results.xlsx", book)).toBe("/d/leads.errors.xlsx");
    expect(planPath(book, "/cwd")).toBe("/d/leads.plan.xlsx");
    expect(planPath(book, "/cwd", "/out/run.csv")).toBe("/d/leads.plan.xlsx");
    expect(errorsPath("/out/run.csv", book)).toBe("/out/run.errors.xlsx");
  });

  it("--results elsewhere, a sheet, stdin; never the source itself", () => {
    expect(errorsPath("/out/run.csv", source("/d/leads.csv"))).toBe("/out/run.errors.csv");
    expect(planPath(source(undefined, "sheets"), "/cwd")).toBe("/cwd/chatguru-sync.plan.csv");
    expect(planPath(source(undefined, "sheets"), "/cwd", "/out/sheet.csv")).toBe("/out/sheet.plan.csv");
    expect(errorsPath("/d/leads.csv", source("/d/leads.errors.csv"))).toBe("/d/leads.errors.errors.csv");
  });
});

describe("createErrorsSink", () => {
  const open = (at: string) =>
    createCsvSink({ path: at, headers: ["Tel"], columns: ["status", "error"], writeBack: DEFAULT_WRITE_BACK });

  it("keeps only invalid/duplicate/failed rows, in input order whatever the write order", async () => {
    const path = join(freshDir(), "l.errors.csv");
    const sink = createErrorsSink({ path, open });
    for (const r of [row(3, "failed"), row(1, "created"), row(0, "invalid"), row(2, undefined), row(4, "duplicate")])
      await sink.write(r);
    await sink.close();
    expect(sink.rows).toBe(3);
    expect(readFileSync(path, "utf8")).toBe(
      "\uFEFFTel,chatguru_status,chatguru_error\r\n0,invalid,\r\n3,failed,\r\n4,duplicate,\r\n",
    );
  });

  it("no row to fix: no file, and a stale one from an earlier run is removed", async () => {
    const path = join(freshDir(), "l.errors.csv");
    writeFileSync(path, "old");
    const sink = createErrorsSink({ path, open });
    await sink.write(row(0, "created"));
    await sink.close();
    expect(sink.rows).toBe(0);
    expect(existsSync(path)).toBe(false);
  });
});
