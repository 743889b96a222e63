import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startMockServer } from "../src/chatguru/mock/mock-server.js";
import { sync } from "../src/sync.js";
import { startFakeSheetsServer } from "../test/helpers/fake-sheets-server.js";
import { connectionFor, fixed, timed, updateFixture, type Bench } from "./lib.js";

const ROWS = 10_000;
const MAX_SHEETS_CALLS = 12;
const SHEET_ID = "1BenchSheetAbCdEfGhIjKlMnOpQrStUvWxYz0123";

/**
 * A 10 000-row sync from a Google Sheet (local fake Sheets v4 + the ChatGuru mock) makes a handful of
 * Sheets calls — one read, a few batched RAW writes — and costs about what the same rows cost from a CSV.
 */
export const sheetsSync: Bench = {
  name: "sheets-sync",
  title: "10 000-row sheet sync: Sheets API calls (≤ 12) and wall time vs the same rows from CSV",
  async run(dir) {
    const { source, numbers, mapping } = await updateFixture(dir, ROWS);
    const rows = readFileSync(source, "utf8")
      .trim()
      .split("\n")
      .map((line) => line.split(","));
    const sheets = await startFakeSheetsServer();
    sheets.setSheet(SHEET_ID, "Leads", 0, rows);
    const common = { mapping, concurrency: 16, rate: Infinity, cwd: dir } as const;
    try {
      const csvMock = await startMockServer({ existingChats: numbers });
      const fromCsv = await timed(() =>
        sync({
          ...common,
          source,
          connection: connectionFor(csvMock),
          state: join(dir, "csv.ndjson"),
          results: join(dir, "csv.results.csv"),
        }),
      );
      await csvMock.close();

      const sheetMock = await startMockServer({ existingChats: numbers });
      const before = sheets.requests.length;
      const fromSheet = await timed(() =>
        sync({
          ...common,
          source: `sheets:${SHEET_ID}`,
          connection: connectionFor(sheetMock),
          state: join(dir, "sheet.ndjson"),
          env: { SHEETS_API_URL: sheets.url, GOOGLE_ACCESS_TOKEN: sheets.token },
        }),
      );
      await sheetMock.close();
      const calls = sheets.requests.slice(before).filter((r) => r.path.startsWith("/v4/"));
      const written = sheets
        .getSheet(SHEET_ID, "Leads")
        .slice(1)
        .filter((row) => row[3] === "updated").length;
      const byKind = calls.reduce<Record<string, number>>((acc, r) => {
        const kind = `${r.method} ${r.path.includes(":batchUpdate") ? "values:batchUpdate" : r.path.includes(":batchGet") ? "values:batchGet" : r.path.includes("/values/") ? "values" : "spreadsheets.get"}`;
        acc[kind] = (acc[kind] ?? 0) + 1;
        return acc;
      }, {});
      return {
        name: this.name,
        setup: `${ROWS / 1000}k rows, C=16`,
        measured: `${calls.length} Sheets calls, ${fixed(fromSheet.ms / 1000, 2)} s (CSV ${fixed(fromCsv.ms / 1000, 2)} s)`,
        ideal: `≤ ${MAX_SHEETS_CALLS} calls, ≈ CSV time`,
        pass: calls.length <= MAX_SHEETS_CALLS && written === ROWS && fromSheet.value.counts.updated === ROWS,
        notes: [
          `Sheets calls: ${Object.entries(byKind)
            .map(([k, n]) => `${k} ×${n}`)
            .join(
              ", ",
            )}; every write RAW: ${calls.filter((c) => c.method !== "GET").every((c) => c.valueInputOption === "RAW")}`,
          `rows with a status written back into the sheet: ${written}/${ROWS}; ChatGuru requests ${fromSheet.value.requests.total} (CSV run ${fromCsv.value.requests.total})`,
          `sheet / CSV wall time: ${fixed(fromSheet.ms / fromCsv.ms, 2)}×`,
        ],
      };
    } finally {
      await sheets.close();
    }
  },
};
