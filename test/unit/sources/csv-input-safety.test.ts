import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createCsvSource, type CsvSourceOptions } from "../../../src/sources/csv-source.js";
import { createSource } from "../../../src/sources/create-source.js";
import type { SourceRow } from "../../../src/core/source-row.js";
import { repoRoot } from "../../helpers/cli.js";
import { withExitCode } from "../../helpers/exit-code.js";

const fixture = (name: string) => join(repoRoot, "fixtures", "csv", name);
const dir = mkdtempSync(join(tmpdir(), "cgs-csvsafe-"));
let counter = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `f${counter++}.csv`);
  writeFileSync(path, content);
  return path;
}
async function readAll(path: string, options?: CsvSourceOptions) {
  const opened = await createCsvSource(path, options).open();
  const rows: SourceRow[] = [];
  for await (const row of opened.rows) rows.push(row);
  return { headers: opened.headers, rows };
}
const openError = (open: () => Promise<unknown>) =>
  open().then(
    () => {
      throw new Error("expected open() to fail");
    },
    (e: unknown) => e as Error & { code: string; exitCode: number },
  );

describe("files that are not text: a source error naming what the file is, never rows of garbage", () => {
  it("an .xlsx renamed .csv (a zip with xl/ entries) says so and what to do", async () => {
    const error = await openError(() => createSource(fixture("xlsx-renamed.csv")).open());
    expect(withExitCode(error)).toMatchObject({ name: "ConfigError", code: "SOURCE_NOT_TEXT", exitCode: 2 });
    expect(error.message).toContain("xlsx-renamed.csv is not a CSV text file");
    expect(error.message).toContain("an Excel workbook (.xlsx)");
    expect(error.message).toMatch(/\.xlsx extension.*save it .* as "CSV UTF-8"/);
  });

  it.each([
    ["PDF", Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "latin1"), /a PDF document/],
    [
      "other zip",
      Buffer.concat([Buffer.from("PK\x03\x04\x14\x00"), Buffer.from("data/readme.txt")]),
      /a zip archive.*unzip it/,
    ],
    [
      "NUL bytes",
      Buffer.from("Telefone,Nome\n1,\x00\x00\x00\x01\x02Ana\n", "latin1"),
      /binary data.*--encoding utf-16le/,
    ],
    ["HTML saved as .xls/.csv", Buffer.from("<html><body><table><tr><td>Nome</td></tr></table>"), /web page \(HTML\)/],
  ])("%s → SOURCE_NOT_TEXT", async (_name, bytes, message) => {
    const error = await openError(() => createCsvSource(file(bytes)).open());
    expect(withExitCode(error)).toMatchObject({ code: "SOURCE_NOT_TEXT", exitCode: 2 });
    expect(error.message).toMatch(message);
  });

  it("--encoding does not make a workbook readable; UTF-16 named with --encoding is text despite its NUL bytes", async () => {
    const forced = await openError(() => createCsvSource(fixture("xlsx-renamed.csv"), { encoding: "latin1" }).open());
    expect(forced.code).toBe("SOURCE_NOT_TEXT");
    const noBom = file(Buffer.from("Nome\tTelefone\r\nAna\t1\r\n", "utf16le"));
    expect((await readAll(noBom, { encoding: "utf-16le" })).rows).toEqual([
      { rowNumber: 2, values: { Nome: "Ana", Telefone: "1" } },
    ]);
  });

  it("UTF-16 without a byte-order mark is read in its own byte order, little- or big-endian", async () => {
    const text = "Nome\tTelefone\tCidade\r\nJoão\t5511987654321\tFlorianópolis\r\n";
    const le = Buffer.from(text, "utf16le");
    const be = Buffer.from(le).swap16();
    for (const [bytes, encoding] of [
      [le, "utf-16le"],
      [be, "utf-16be"],
    ] as const) {
      const path = file(bytes);
      const opened = await createCsvSource(path).open();
      await opened.close();
      expect(opened.format).toMatchObject({ encoding, bom: false, delimiter: "\t" });
      expect((await readAll(path)).rows).toEqual([
        { rowNumber: 2, values: { Nome: "João", Telefone: "5511987654321", Cidade: "Florianópolis" } },
      ]);
    }
  });

  it("a binary file's hint names the UTF-16 byte order its NUL bytes suggest", async () => {
    // Mostly NULs first in each pair, but too many stray bytes to be text: the hint says big-endian.
    const bytes = Buffer.from(
      Array.from({ length: 64 }, (_, i) => (i % 2 === 0 ? (i % 6 === 0 ? 7 : 0) : 1 + (i % 5) * 40)),
    );
    const error = await openError(() => createCsvSource(file(bytes)).open());
    expect(error.message).toMatch(/--encoding utf-16be/);
  });
});

describe("input that hides rows or eats memory", () => {
  it("an unbalanced quote that swallows rows is a row problem on the row where the quote opens", async () => {
    const { rows } = await readAll(fixture("unbalanced-quote.csv"));
    expect(rows.map((r) => [r.rowNumber, r.problems?.map((p) => p.code)])).toEqual([
      [2, undefined],
      [3, ["ROW_QUOTE_SPANS_LINES"]],
      [4, undefined],
    ]);
    const problem = rows[1]!.problems![0]!;
    expect(problem).toMatchObject({ row: 3, column: "Nome" });
    expect(problem.message).toContain(
      'a quoted value starts in this row (column B) and runs over 3 lines that look like rows (they contain ",")',
    );
    expect(problem.message).toContain('value starts "Ana,a@x.com"');
  });

  it("legitimate quoted line breaks (no delimiter on the later lines) stay fine", async () => {
    const { rows } = await readAll(fixture("quoted-newlines.csv"));
    expect(rows.every((r) => r.problems === undefined)).toBe(true);
    const closed = await readAll(file('Telefone;Nome;Obs\n1;Ana;"linha 1\n2;Bruno;linha 2"\n'));
    expect(closed.rows[0]!.problems?.[0]?.code).toBe("ROW_QUOTE_SPANS_LINES");
  });

  it("values in messages are cut and escaped: a 100 kB extra cell, an escape sequence in a header", async () => {
    const { rows } = await readAll(file(`Telefone,Nome\n1,Ana,${"x".repeat(100_000)}\n`));
    const message = rows[0]!.problems![0]!.message;
    expect(message).toContain(`extra value "${"x".repeat(80)}…(100000 chars)" in column C`);
    expect(message.length).toBeLessThan(300);
    const error = await openError(() => createCsvSource(file("Nome,\x1b[31mNome\x1b[0m,Nome\n")).open());
    expect(error.code).toBe("SOURCE_HEADER_DUPLICATE");
    expect(error.message).not.toContain("\x1b");
    const long = await openError(() => createCsvSource(file(`${"N".repeat(5000)},${"N".repeat(5000)}\n`)).open());
    expect(long.message).toContain("…(5000 chars)");
    expect(long.message.length).toBeLessThan(400);
  });

  it("a row longer than 10 M characters (a quote never closed in a huge file) fails instead of filling memory", async () => {
    const huge = file(`Telefone,Nome\n1,"${"a".repeat(10 * 1024 * 1024 + 10)}\n`);
    const error = (await readAll(huge).catch((e: unknown) => e)) as Error & { code: string };
    expect(withExitCode(error)).toMatchObject({ code: "SOURCE_CSV_PARSE", exitCode: 2 });
    expect(error.message).toMatch(/the row that starts in row 2 is longer than 10 MB \(\d+ characters\)/);
    expect(error.message).toContain("shorten or empty it");
  });

  it("a huge first line (a header cell of 11 M characters, no line end) is refused as soon as the cap is reached", async () => {
    const huge = file(`${"T".repeat(11 * 1024 * 1024)},Nome\n1,Ana\n`);
    const error = (await readAll(huge).catch((e: unknown) => e)) as Error & { code: string };
    expect(withExitCode(error)).toMatchObject({ code: "SOURCE_CSV_PARSE", exitCode: 2 });
    expect(error.message).toContain("the row that starts in row 1 is longer than 10 MB");
  });
});
