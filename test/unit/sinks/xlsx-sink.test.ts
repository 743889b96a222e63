import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { DEFAULT_WRITE_BACK, type RowResult } from "../../../src/core/row-result.js";
import { createXlsxSink } from "../../../src/sinks/xlsx-sink.js";

const COLUMNS = ["status", "chat_add_id", "chat_number", "error", "synced_at"] as const;

function result(seq: number, values: Record<string, string>, extra: Partial<RowResult> = {}): RowResult {
  return { seq, rowNumber: seq + 2, values, ...extra };
}

/** Every cell of the first worksheet as [value, type] — the round trip through exceljs's own reader. */
async function readBack(path: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    const cells: unknown[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(row.getCell(c).value ?? "");
    rows.push(cells);
  });
  const types = new Set<number>();
  ws.eachRow((row) => row.eachCell((cell) => types.add(cell.type)));
  return { name: ws.name, rows, types };
}

describe("xlsx sink", () => {
  it("writes input columns + write_back columns, rows in input order whatever the write order, all as text", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cgs-xlsx-sink-"));
    const path = join(dir, "leads.results.xlsx");
    const sink = createXlsxSink({
      path,
      headers: ["Nome", "Telefone"],
      sheetName: "Leads",
      columns: [...COLUMNS],
      writeBack: DEFAULT_WRITE_BACK,
    });
    await sink.write(
      result(1, { Nome: "Bia", Telefone: '=HYPERLINK("x")' }, { status: "invalid", error: "ROW_PHONE_INVALID: x" }),
    );
    expect(existsSync(path)).toBe(false);
    await sink.write(
      result(
        0,
        { Nome: "João", Telefone: "5511987654321" },
        {
          status: "created",
          chatAddId: "abc",
          chatNumber: "5511987654321",
          syncedAt: "2026-01-05T12:00:00.000Z",
        },
      ),
    );
    await sink.write(result(2, { Nome: "Ção", Telefone: "0011" }, { status: "updated" }));
    expect(await sink.close()).toEqual({ location: path });

    const back = await readBack(path);
    expect(back.name).toBe("Leads");
    expect(back.rows).toEqual([
      [
        "Nome",
        "Telefone",
        "chatguru_status",
        "chatguru_chat_add_id",
        "chatguru_chat_number",
        "chatguru_error",
        "chatguru_synced_at",
      ],
      ["João", "5511987654321", "created", "abc", "5511987654321", "", "2026-01-05T12:00:00.000Z"],
      ["Bia", '=HYPERLINK("x")', "invalid", "", "", "ROW_PHONE_INVALID: x", ""],
      ["Ção", "0011", "updated", "", "", "", ""],
    ]);
    // Only strings (type 3) and empty (0): no number, date or formula cell.
    expect([...back.types].every((t) => t === ExcelJS.ValueType.String)).toBe(true);
    expect(readdirSync(dir)).toEqual(["leads.results.xlsx"]);
  });

  it("reuses a write_back column already in the input (re-run on a results file) and names a default sheet", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cgs-xlsx-sink-"));
    const path = join(dir, "r.xlsx");
    const sink = createXlsxSink({
      path,
      headers: ["Telefone", DEFAULT_WRITE_BACK.status],
      columns: ["status", "error"],
      writeBack: DEFAULT_WRITE_BACK,
    });
    await sink.write(result(0, { Telefone: "1", [DEFAULT_WRITE_BACK.status]: "failed" }, { status: "unchanged" }));
    await sink.close();
    const back = await readBack(path);
    expect(back.name).toBe("Resultados");
    expect(back.rows).toEqual([
      ["Telefone", DEFAULT_WRITE_BACK.status, DEFAULT_WRITE_BACK.error],
      ["1", "unchanged", ""],
    ]);
  });

  it("close after an abort writes the rows it has, in seq order, despite gaps", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cgs-xlsx-sink-"));
    const path = join(dir, "r.xlsx");
    const sink = createXlsxSink({ path, headers: ["A"], columns: ["status"], writeBack: DEFAULT_WRITE_BACK });
    await sink.write(result(3, { A: "d" }, { status: "created" }));
    await sink.write(result(1, { A: "b" }, { status: "created" }));
    await sink.close();
    expect((await readBack(path)).rows.map((r) => r[0])).toEqual(["A", "b", "d"]);
  });

  it("discard leaves the destination untouched and no temp file behind", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cgs-xlsx-sink-"));
    const path = join(dir, "r.xlsx");
    writeFileSync(path, "previous");
    const sink = createXlsxSink({ path, headers: ["A"], columns: ["status"], writeBack: DEFAULT_WRITE_BACK });
    await sink.write(result(0, { A: "x" }, { status: "created" }));
    await sink.discard();
    await sink.discard();
    expect(readdirSync(dir)).toEqual(["r.xlsx"]);
    expect(await import("node:fs/promises").then((fs) => fs.readFile(path, "utf8"))).toBe("previous");
    expect(() => sink.write(result(1, { A: "y" }))).toThrow(/already discarded/);
  });

  it("a worksheet name Excel would refuse is cleaned up", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cgs-xlsx-sink-"));
    const path = join(dir, "r.xlsx");
    const sink = createXlsxSink({
      path,
      headers: ["A"],
      sheetName: "Vendas/Março [2026]: lista com nome muito longo",
      columns: ["status"],
      writeBack: DEFAULT_WRITE_BACK,
    });
    await sink.close();
    expect((await readBack(path)).name).toBe("Vendas Março  2026   lista com");
  });
});
