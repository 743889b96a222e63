import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isConfigError } from "../../src/errors.js";
import { createSheetsGateway, type SheetsGateway } from "../../src/sheets/sheets-gateway.js";
import { createSheetsSink, type SheetsSinkOptions } from "../../src/sinks/sheets-sink.js";
import { DEFAULT_WRITE_BACK, type RowResult } from "../../src/core/row-result.js";
import { startFakeSheetsServer, type FakeSheetsServer } from "../helpers/fake-sheets-server.js";

const ID = "sink-sheet";
const TAB = "Leads de março";
let fake: FakeSheetsServer;
let gateway: SheetsGateway;

beforeAll(async () => {
  fake = await startFakeSheetsServer();
  gateway = await createSheetsGateway({ env: { GOOGLE_ACCESS_TOKEN: fake.token, SHEETS_API_URL: fake.url } });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

/** Stand-in for the mapping's key normalization: digits, at least 10 of them. */
const keyOf = (raw: string): string | undefined => {
  const digits = raw.replace(/\D/g, "");
  return digits.length >= 10 ? digits : undefined;
};

const HEADER = ["Nome", "Telefone", "Observações"];
function leads(n: number): string[][] {
  return [
    HEADER,
    ...Array.from({ length: n }, (_, i) => [`Pessoa ${i}`, `+55 11 9${String(1000_0000 + i)}`, `obs ${i}`]),
  ];
}

function result(rowNumber: number, grid: string[][], extra: Partial<RowResult> = {}): RowResult {
  const cells = grid[rowNumber - 1]!;
  const values = Object.fromEntries(HEADER.map((h, i) => [h, cells[i] ?? ""]));
  const key = keyOf(values.Telefone ?? "");
  return {
    seq: rowNumber - 2,
    rowNumber,
    ...(key ? { key } : {}),
    values,
    status: "updated",
    chatNumber: key ?? "",
    syncedAt: "2026-03-01T12:00:00.000Z",
    ...extra,
  };
}

function sink(extra: Partial<SheetsSinkOptions> = {}) {
  return createSheetsSink({
    gateway,
    spreadsheetId: ID,
    sheetTitle: TAB,
    sheetId: 3,
    headers: HEADER,
    keyColumn: "Telefone",
    keyOf,
    writeBack: DEFAULT_WRITE_BACK,
    flushEveryRows: 10_000,
    flushEveryMs: 3_600_000,
    ...extra,
  });
}

const writes = () => fake.requests.filter((r) => r.method === "PUT" || r.method === "POST");
const batchUpdates = () => fake.requests.filter((r) => r.path.endsWith("values:batchUpdate"));
const rangesOf = (request: { body: unknown }) =>
  (request.body as { data: Array<{ range: string }> }).data.map((d) => d.range);

describe("Sheets write-back sink", () => {
  it("appends missing write_back columns to the header once and writes RAW, touching nothing else", async () => {
    const grid = leads(4);
    fake.setSheet(ID, TAB, 3, grid);
    const s = sink({ flushEveryRows: 2 });
    s.write(
      result(2, grid, {
        status: "created",
        chatAddId: "add-1",
        chatNumber: "+5511910000000",
        error: '=HYPERLINK("x")',
      }),
    );
    s.write(result(3, grid));
    s.write(result(5, grid, { status: "failed", error: "CHATGURU_CHAT_NOT_FOUND: Chat não encontrado." }));
    const outcome = await s.close();

    const after = fake.getSheet(ID, TAB);
    expect(after[0]).toEqual([
      ...HEADER,
      "chatguru_status",
      "chatguru_chat_add_id",
      "chatguru_chat_number",
      "chatguru_error",
      "chatguru_synced_at",
    ]);
    // RAW: "+55…" and "=…" are stored as typed, not as a number or a formula.
    expect(after[1]!.slice(3)).toEqual([
      "created",
      "add-1",
      "+5511910000000",
      '=HYPERLINK("x")',
      "2026-03-01T12:00:00.000Z",
    ]);
    expect(after[2]!.slice(3)).toEqual(["updated", "", "5511910000001", "", "2026-03-01T12:00:00.000Z"]);
    expect(after[3]!.slice(3)).toEqual([]);
    expect(after[4]!.slice(3)).toEqual([
      "failed",
      "",
      "5511910000003",
      "CHATGURU_CHAT_NOT_FOUND: Chat não encontrado.",
      "2026-03-01T12:00:00.000Z",
    ]);
    // Input cells are untouched.
    expect(after.map((row) => row.slice(0, 3))).toEqual(grid);

    const headerWrites = fake.requests.filter((r) => r.method === "PUT");
    expect(headerWrites.map((r) => r.path)).toEqual([`/v4/spreadsheets/${ID}/values/'${TAB}'!D1:H1`]);
    expect(writes().every((r) => r.valueInputOption === "RAW")).toBe(true);
    expect(batchUpdates()).toHaveLength(2);
    expect(outcome).toEqual({
      location: `https://docs.google.com/spreadsheets/d/${ID}/edit#gid=3 (tab "${TAB}")`,
      notes: [],
    });
  });

  it("groups contiguous rows per block of adjacent write_back columns into one batchUpdate", async () => {
    // status sits at A, error at E; the other three are missing and get appended at F–H, next to error.
    const header = ["chatguru_status", "Nome", "Telefone", "Observações", "chatguru_error"];
    const grid = [
      header,
      ...leads(8)
        .slice(1)
        .map((r) => ["old", ...r, "old error"]),
    ];
    fake.setSheet(ID, TAB, 3, grid, { columnCount: 5 });
    const before = fake.getSheet(ID, TAB);
    const s = sink({ headers: header });
    const asResult = (row: number): RowResult => ({
      seq: row,
      rowNumber: row,
      key: keyOf(grid[row - 1]![2]!)!,
      values: {},
      status: "created",
      chatAddId: `add-${row}`,
      chatNumber: keyOf(grid[row - 1]![2]!)!,
      syncedAt: "t",
    });
    for (const row of [2, 3, 4, 7, 9]) s.write(asResult(row));
    await s.close();

    expect(batchUpdates()).toHaveLength(1);
    expect(rangesOf(batchUpdates()[0]!)).toEqual([
      `'${TAB}'!A2:A4`,
      `'${TAB}'!E2:H4`,
      `'${TAB}'!A7:A7`,
      `'${TAB}'!E7:H7`,
      `'${TAB}'!A9:A9`,
      `'${TAB}'!E9:H9`,
    ]);
    // The grid had exactly 5 columns: it was grown before the header was written.
    expect(fake.getGrid(ID, TAB).columnCount).toBe(8);
    expect(fake.requests.some((r) => r.path.endsWith(`/${ID}:batchUpdate`))).toBe(true);

    const after = fake.getSheet(ID, TAB);
    expect(after[0]).toEqual([...header, "chatguru_chat_add_id", "chatguru_chat_number", "chatguru_synced_at"]);
    for (let r = 0; r < after.length; r++) {
      // B–D (the person's data) identical in every row; rows without a result identical everywhere.
      expect(after[r]!.slice(1, 4)).toEqual(before[r]!.slice(1, 4));
      if (![2, 3, 4, 7, 9].includes(r + 1) && r > 0) expect(after[r]).toEqual(before[r]);
    }
    expect(after[6]).toEqual(["created", ...before[6]!.slice(1, 4), "", "add-7", keyOf(grid[6]![2]!), "t"]);
  });

  it("finds rows by key when a person inserts, deletes or sorts rows during the run", async () => {
    const grid = leads(6);
    fake.setSheet(ID, TAB, 3, grid);
    const s = sink();
    for (const row of [2, 3, 4, 5, 6, 7]) s.write(result(row, grid, { status: `done-${row}` }));
    // Between the read and the flush: a new row above everything, one row deleted, the rest reversed.
    const data = fake
      .getSheet(ID, TAB)
      .slice(1)
      .filter((r) => r[0] !== "Pessoa 2")
      .reverse();
    fake.setSheet(ID, TAB, 3, [HEADER, ["Nova", "+55 21 99999-0000", "inserida"], ...data]);
    const { notes } = await s.close();

    const after = fake.getSheet(ID, TAB);
    for (const row of after.slice(1)) {
      const original = grid.findIndex((g) => g[1] === row[1]) + 1;
      if (row[0] === "Nova") expect(row.slice(3)).toEqual([]);
      else expect(row[3]).toBe(`done-${original}`);
    }
    expect(notes).toEqual([
      `Row 4 (key ${keyOf(grid[3]![1]!)}): the key is no longer in column "Telefone" (row deleted or edited during the run); result not written.`,
    ]);
  });

  it("follows the key column when a person inserts a column to its left during the run", async () => {
    const grid = leads(3);
    fake.setSheet(ID, TAB, 3, grid);
    const s = sink();
    s.write(result(2, grid, { status: "created" }));
    s.write(result(4, grid, { status: "updated" }));
    fake.setSheet(ID, TAB, 3, [["ID", ...HEADER], ...grid.slice(1).map((r, i) => [`#${i}`, ...r])]);
    await s.close();
    const after = fake.getSheet(ID, TAB);
    expect(after[0]).toEqual([
      "ID",
      ...HEADER,
      "chatguru_status",
      "chatguru_chat_add_id",
      "chatguru_chat_number",
      "chatguru_error",
      "chatguru_synced_at",
    ]);
    expect(after.map((r) => r[4] ?? "")).toEqual(["chatguru_status", "created", "", "updated"]);
    expect(after.map((r) => r.slice(0, 4))).toEqual([
      ["ID", ...HEADER],
      ...grid.slice(1).map((r, i) => [`#${i}`, ...r]),
    ]);
  });

  it("writes a key present twice in the sheet to its first occurrence, and notes it", async () => {
    const grid = leads(3);
    fake.setSheet(ID, TAB, 3, grid);
    const s = sink();
    s.write(result(3, grid, { status: "created" }));
    fake.insertRow(ID, TAB, 2, ["Cópia", grid[2]![1]!, ""]);
    const { notes } = await s.close();
    const after = fake.getSheet(ID, TAB);
    expect(after[1]![0]).toBe("Cópia");
    expect(after[1]![3]).toBe("created");
    expect(after[3]![0]).toBe("Pessoa 1");
    expect(after[3]!.slice(3)).toEqual([]);
    expect(notes).toHaveLength(1);
    expect(notes![0]).toContain("appears 2 times (rows 2, 4); the result went to row 2");
  });

  it("gives each of two rows with the same key its own result, even when the duplicate finishes first", async () => {
    const grid = leads(3);
    grid.push(["Repetida", grid[1]![1]!, ""]);
    fake.setSheet(ID, TAB, 3, grid);
    const s = sink();
    s.write(result(5, grid, { seq: 3, status: "duplicate", error: "ROW_DUPLICATE_KEY: same key as row 2" }));
    s.write(result(2, grid, { seq: 0, status: "created" }));
    const { notes } = await s.close();
    const after = fake.getSheet(ID, TAB);
    expect(after[1]![3]).toBe("created");
    expect(after[4]![3]).toBe("duplicate");
    expect(notes).toEqual([]);
  });

  it("writes rows whose key is invalid by their raw key cell, even after rows moved", async () => {
    const grid = [...leads(2), ["Sem telefone", "abc", ""]];
    fake.setSheet(ID, TAB, 3, grid);
    const s = sink();
    s.write(result(4, grid, { status: "invalid", error: "ROW_PHONE_INVALID: not a phone number" }));
    fake.insertRow(ID, TAB, 2, ["Nova", "+55 21 99999-0000", ""]);
    await s.close();
    const after = fake.getSheet(ID, TAB);
    expect(after[4]![0]).toBe("Sem telefone");
    expect(after[4]!.slice(3, 7)).toEqual(["invalid", "", "", "ROW_PHONE_INVALID: not a phone number"]);
  });

  it("leaves rows the run never reached as the last run left them", async () => {
    const grid = leads(2);
    grid[1]!.push("created", "add-old", "5511910000000", "", "yesterday");
    fake.setSheet(ID, TAB, 3, [
      [
        ...HEADER,
        "chatguru_status",
        "chatguru_chat_add_id",
        "chatguru_chat_number",
        "chatguru_error",
        "chatguru_synced_at",
      ],
      ...grid.slice(1),
    ]);
    const s = sink();
    const unreached = result(2, grid);
    delete unreached.status;
    s.write(unreached);
    s.write(result(3, grid, { status: "unchanged" }));
    await s.close();
    const after = fake.getSheet(ID, TAB);
    expect(after[1]!.slice(3)).toEqual(["created", "add-old", "5511910000000", "", "yesterday"]);
    expect(after[2]![3]).toBe("unchanged");
    // Nothing appended: the columns exist.
    expect(fake.requests.filter((r) => r.method === "PUT")).toHaveLength(0);
  });

  it("fills only the selected write_back columns", async () => {
    const grid = leads(1);
    fake.setSheet(ID, TAB, 3, grid);
    const s = sink({ columns: ["status", "error"], writeBack: { ...DEFAULT_WRITE_BACK, status: "Situação" } });
    s.write(result(2, grid, { status: "failed", error: "X: y" }));
    await s.close();
    expect(fake.getSheet(ID, TAB)).toEqual([
      [...HEADER, "Situação", "chatguru_error"],
      [...grid[1]!, "failed", "X: y"],
    ]);
  });

  it("makes at most a handful of write calls for 10 000 results", async () => {
    const grid = leads(10_000);
    fake.setSheet(ID, TAB, 3, grid);
    const s = sink({ flushEveryRows: 500, flushEveryMs: 5000 });
    const shuffled = Array.from({ length: 10_000 }, (_, i) => i + 2).sort(
      (a, b) => ((a * 7919) % 10_007) - ((b * 7919) % 10_007),
    );
    for (const row of shuffled) await s.write(result(row, grid, { chatAddId: `add-${row}` }));
    await s.close();
    expect(writes().length).toBeLessThanOrEqual(10);
    expect(fake.requests.length).toBeLessThanOrEqual(20);
    const after = fake.getSheet(ID, TAB);
    for (let r = 1; r < after.length; r++) expect(after[r]![4]).toBe(`add-${r + 1}`);
  });

  it("flushes in the background by row count and by elapsed time, without blocking write()", async () => {
    const grid = leads(5);
    fake.setSheet(ID, TAB, 3, grid);
    let t = 0;
    const s = sink({ flushEveryRows: 3, flushEveryMs: 5000, now: () => t });
    s.write(result(2, grid));
    s.write(result(3, grid));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(batchUpdates()).toHaveLength(0);
    s.write(result(4, grid));
    await waitFor(() => batchUpdates().length === 1);
    expect(rangesOf(batchUpdates()[0]!)).toEqual([`'${TAB}'!D2:H4`]);
    t = 4000;
    s.write(result(5, grid));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(batchUpdates()).toHaveLength(1);
    t = 5001;
    s.write(result(6, grid));
    await waitFor(() => batchUpdates().length === 2);
    expect(rangesOf(batchUpdates()[1]!)).toEqual([`'${TAB}'!D5:H6`]);
    await s.close();
    expect(batchUpdates()).toHaveLength(2);
  });

  it("surfaces a failed background flush from close()", async () => {
    const grid = leads(2);
    fake.setSheet(ID, TAB, 3, grid);
    const s = sink({ flushEveryRows: 1 });
    fake.failNext(403);
    s.write(result(2, grid));
    let caught: unknown;
    try {
      await s.close();
    } catch (error) {
      caught = error;
    }
    expect(isConfigError(caught)).toBe(true);
    expect((caught as Error).message).toContain("not shared with");
    expect(batchUpdates()).toHaveLength(0);
  });

  it("discard() drops the buffer without writing", async () => {
    const grid = leads(2);
    fake.setSheet(ID, TAB, 3, grid);
    const s = sink();
    s.write(result(2, grid));
    await s.discard();
    expect(fake.requests).toHaveLength(0);
    expect(fake.getSheet(ID, TAB)).toEqual(grid);
  });

  it("refuses to use the key column as a write_back column", () => {
    expect(() => sink({ writeBack: { ...DEFAULT_WRITE_BACK, status: "Telefone" } })).toThrow(
      /overwrite the key column/,
    );
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in 2 s");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
