import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createCsvSink } from "../../../src/sinks/csv-sink.js";
import { DEFAULT_WRITE_BACK, type RowResult } from "../../../src/core/row-result.js";

const headers = ["Telefone", "Nome"];
const result = (seq: number, extra: Partial<RowResult> = {}): RowResult => ({
  seq,
  rowNumber: seq + 2,
  values: { Telefone: `1198765432${seq}`, Nome: `Pessoa ${seq}` },
  ...extra,
});
const freshDir = () => mkdtempSync(join(tmpdir(), "cgs-sink-"));

describe("createCsvSink", () => {
  it("writes BOM, the source delimiter, CRLF, input columns + write_back columns, rows in input order despite out-of-order writes", async () => {
    const dir = freshDir();
    const path = join(dir, "out.csv");
    const sink = createCsvSink({
      path,
      headers,
      delimiter: ";",
      columns: ["status", "chat_number", "error"],
      writeBack: DEFAULT_WRITE_BACK,
    });
    await sink.write(result(2, { status: "failed", error: 'CHAT_NOT_FOUND: "Chat não encontrado."' }));
    await sink.write(result(0, { status: "created", chatNumber: "5511987654320" }));
    await sink.write(result(1, { status: "updated", values: { Telefone: "11; 2", Nome: "Ana\nMaria" } }));
    expect(await sink.close()).toEqual({ location: path });
    expect(readFileSync(path, "utf8")).toBe(
      "\uFEFFTelefone;Nome;chatguru_status;chatguru_chat_number;chatguru_error\r\n" +
        "11987654320;Pessoa 0;created;5511987654320;\r\n" +
        '"11; 2";"Ana\nMaria";updated;;\r\n' +
        '11987654322;Pessoa 2;failed;;"CHAT_NOT_FOUND: ""Chat não encontrado."""\r\n',
    );
    expect(readdirSync(dir)).toEqual(["out.csv"]);
  });

  it("reuses a write_back column already in the input header instead of adding a duplicate", async () => {
    const path = join(freshDir(), "again.csv");
    const sink = createCsvSink({
      path,
      headers: ["Telefone", "chatguru_status", "Nome"],
      delimiter: ",",
      columns: ["status", "error"],
      writeBack: DEFAULT_WRITE_BACK,
    });
    await sink.write({
      seq: 0,
      rowNumber: 2,
      values: { Telefone: "1", chatguru_status: "failed", Nome: "A" },
      status: "created",
    });
    await sink.close();
    expect(readFileSync(path, "utf8")).toBe("\uFEFFTelefone,chatguru_status,Nome,chatguru_error\r\n1,created,A,\r\n");
  });

  it("the destination is untouched until close, then replaced atomically", async () => {
    const dir = freshDir();
    const path = join(dir, "out.csv");
    writeFileSync(path, "old results");
    const sink = createCsvSink({ path, headers, columns: ["status"], writeBack: DEFAULT_WRITE_BACK });
    for (let i = 0; i < 1000; i++) await sink.write(result(i, { status: "valid" }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(readFileSync(path, "utf8")).toBe("old results");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toHaveLength(1);
    await sink.close();
    const lines = readFileSync(path, "utf8").split("\r\n");
    expect(lines).toHaveLength(1002);
    expect(lines[1000]).toBe("1198765432999,Pessoa 999,valid");
    expect(readdirSync(dir)).toEqual(["out.csv"]);
  });

  it("discard() removes the temp file and leaves the destination as it was", async () => {
    const dir = freshDir();
    const path = join(dir, "out.csv");
    writeFileSync(path, "old results");
    const sink = createCsvSink({ path, headers, columns: ["status"], writeBack: DEFAULT_WRITE_BACK });
    await sink.write(result(0, { status: "valid" }));
    await sink.discard();
    await sink.discard();
    expect(readdirSync(dir)).toEqual(["out.csv"]);
    expect(readFileSync(path, "utf8")).toBe("old results");
  });

  it("close() does not hang on seq gaps (an aborted run): what arrived is written in seq order", async () => {
    const path = join(freshDir(), "gaps.csv");
    const sink = createCsvSink({ path, headers, columns: ["status"], writeBack: DEFAULT_WRITE_BACK });
    await sink.write(result(3, { status: "created" }));
    await sink.write(result(1, { status: "created" }));
    await sink.write(result(0));
    await sink.close();
    expect(readFileSync(path, "utf8")).toBe(
      "\uFEFFTelefone,Nome,chatguru_status\r\n11987654320,Pessoa 0,\r\n11987654321,Pessoa 1,created\r\n11987654323,Pessoa 3,created\r\n",
    );
  });

  it("writing a seq twice is a bug, reported at once", async () => {
    const sink = createCsvSink({
      path: join(freshDir(), "x.csv"),
      headers,
      columns: ["status"],
      writeBack: DEFAULT_WRITE_BACK,
    });
    await sink.write(result(0));
    expect(() => sink.write(result(0))).toThrow(/seq 0 written twice/);
    await sink.discard();
  });

  it("an unwritable destination directory fails on close with RESULTS_WRITE_FAILED and leaves nothing behind", async () => {
    const path = join(freshDir(), "missing-dir", "out.csv");
    const sink = createCsvSink({ path, headers, columns: ["status"], writeBack: DEFAULT_WRITE_BACK });
    await expect(sink.close()).rejects.toMatchObject({ code: "RESULTS_WRITE_FAILED" });
    expect(existsSync(path)).toBe(false);
  });

  it("a destination that became a folder during the run fails on close naming the file, not the temp file", async () => {
    const dir = freshDir();
    const path = join(dir, "leads.results.csv");
    const sink = createCsvSink({ path, headers, columns: ["status"], writeBack: DEFAULT_WRITE_BACK });
    await sink.write(result(0, { status: "created" }));
    mkdirSync(join(path, "inside"), { recursive: true });
    const failure = await sink.close().catch((error: Error) => error);
    expect(failure).toMatchObject({ code: "RESULTS_WRITE_FAILED" });
    expect((failure as Error).message).toMatch(
      /^Could not replace "leads\.results\.csv" \((EISDIR|ENOTEMPTY|EEXIST)\): /,
    );
    expect((failure as Error).message).not.toContain(".tmp");
    expect(readdirSync(dir)).toEqual(["leads.results.csv"]);
  });
});
