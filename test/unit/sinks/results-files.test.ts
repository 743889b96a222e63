import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { DEFAULT_WRITE_BACK, type RowResult } from "../../../src/core/row-result.js";
import type { Source } from "../../../src/sources/source.js";
import { createCsvSink } from "../../../src/sinks/csv-sink.js";
import { createErrorsSink } from "../../../src/sinks/errors-sink.js";
import { defaultResultsPath, errorsPath, planPath } from "../../../src/sinks/results-paths.js";
import { createXlsxSink } from "../../../src/sinks/xlsx-sink.js";

const freshDir = () => mkdtempSync(join(tmpdir(), "cgs-files-"));
const source = (path: string | undefined, kind: Source["kind"] = "csv") =>
  ({ kind, id: path ?? "x", label: "x", ...(path ? { path } : {}), open: async () => ({}) as never }) as Source;
const row = (seq: number, status: string | undefined, values: Record<string, string> = { Tel: String(seq) }) =>
  ({ seq, rowNumber: seq + 2, values, ...(status ? { status } : {}) }) as RowResult;

describe("formula-like cells (OWASP CSV injection)", () => {
  it("a results CSV writes every such cell — input columns too — with a leading quote; the workbook as plain text", async () => {
    const dir = freshDir();
    const options = { headers: ["Tel", "Nome"], columns: ["status", "error"] as const, writeBack: DEFAULT_WRITE_BACK };
    const result = { ...row(0, "failed", { Tel: "+55 (11) 99363-9779", Nome: "=HYPERLINK(1)" }), error: "@x" };
    const csv = createCsvSink({ ...options, columns: [...options.columns], path: join(dir, "r.csv") });
    await csv.write(result);
    await csv.close();
    expect(readFileSync(join(dir, "r.csv"), "utf8")).toContain("'+55 (11) 99363-9779,'=HYPERLINK(1),failed,'@x");
    const xlsx = createXlsxSink({ ...options, columns: [...options.columns], path: join(dir, "r.xlsx") });
    await xlsx.write(result);
    await xlsx.close();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "r.xlsx"));
    // Text cells (never formulas) in a workbook: shown as they are, no quote.
    expect(wb.worksheets[0]!.getRow(2).values).toEqual([
      undefined,
      "+55 (11) 99363-9779",
      "=HYPERLINK(1)",
      "failed",
      "@x",
    ]);
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
