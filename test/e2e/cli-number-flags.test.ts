import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/cli.js";

let dir: string;
const run = (args: string[]) => runCliInProcess(args, { cwd: dir });
const dryRun = (flags: string[]) =>
  run(["sync", "--source", "leads.csv", "--mapping", "m.json", "--dry-run", ...flags]);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cgs-numflags-"));
  writeFileSync(join(dir, "leads.csv"), "Telefone,Nome\n11987654321,Ana\n");
  writeFileSync(join(dir, "m.json"), JSON.stringify({ phone: "Telefone", name: "Nome" }));
});

describe("numeric flags quote what was typed, never NaN", () => {
  it.each([
    [["--concurrency", "abc"], 'error: --concurrency must be a whole number from 1 up, got "abc".\n'],
    [["--rate", "2,5"], 'error: --rate must be a number from 0 up (0 = no cap), got "2,5": use a dot: 2.5.\n'],
    [["--add-timeout", "dez"], 'error: --add-timeout must be a number of seconds from 0 up, got "dez".\n'],
    [["--max-messages", "1,5"], 'error: --max-messages must be a whole number from 0 up, got "1,5": use a dot: 1.5.\n'],
    [["--timeout", "x"], 'error: --timeout must be a number of seconds above 0, got "x".\n'],
    [["--limit", "primeiros"], 'error: --limit must be a whole number from 1 up, got "primeiros".\n'],
    [["--watch", "abc"], 'error: --watch must be a number of seconds from 1 up, got "abc".\n'],
  ])("sync %j → exit 2", async (flags, message) => {
    const r = await dryRun(flags);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(message);
  });

  it.each([
    [["--rate"], "--rate"],
    [["--rate", "--json"], "--rate"],
    [["--header-row"], "--header-row"],
    [["--concurrency="], "--concurrency"],
    [["--no-limit"], "--limit"],
  ])("%j without a value → exit 2 naming the flag", async (flags, flag) => {
    const r = await dryRun(flags);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${flag} was given without a value: write a number right after it.\n`);
    expect(r.stdout).toBe("");
  });

  it("--delimiter, --encoding and --sheet without a value are usage errors too (an unquoted ; is cut by the shell)", async () => {
    const cut = await dryRun(["--delimiter"]);
    expect([cut.code, cut.stderr]).toEqual([
      2,
      'error: --delimiter was given without a value: write it right after the flag in quotes (--delimiter ";"): the shell cuts an unquoted ;.\n',
    ]);
    const sheet = await run(["validate", "--source", "leads.csv", "--mapping", "m.json", "--sheet="]);
    expect([sheet.code, sheet.stderr]).toEqual([
      2,
      "error: --sheet was given without a value: write it right after the flag.\n",
    ]);
    expect((await dryRun(["--encoding", "--json"])).code).toBe(2);
    expect((await dryRun(["--delimiter", ","])).code).toBe(0);
  });

  it("a flag given twice says so, with both values", async () => {
    const r = await dryRun(["--header-row", "2", "--header-row", "abc"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: --header-row was given twice: 2 and abc. Give it once.\n");
    const thrice = await dryRun(["--concurrency", "1", "--concurrency", "2", "--concurrency", "3"]);
    expect(thrice.stderr).toBe("error: --concurrency was given 3 times: 1, 2 and 3. Give it once.\n");
    const source = await dryRun(["--source", "other.csv"]);
    expect(source.stderr).toBe("error: --source was given twice: leads.csv and other.csv. Give it once.\n");
  });

  it("absent flags keep their defaults, and typed values are used", async () => {
    const defaults = await dryRun([]);
    expect(defaults.code, defaults.stderr).toBe(0);
    expect(defaults.stderr).toContain("at --rate 5 (--concurrency 4;");
    const typed = await dryRun(["--rate", "2.5", "--concurrency", "02"]);
    expect(typed.code, typed.stderr).toBe(0);
    expect(typed.stderr).toContain("at --rate 2.5 (--concurrency 2;");
  });

  it("validate, call and mock-server read their numbers the same way", async () => {
    const validate = await run(["validate", "--source", "leads.csv", "--mapping", "m.json", "--limit"]);
    expect([validate.code, validate.stderr]).toEqual([
      2,
      "error: --limit was given without a value: write a number right after it.\n",
    ]);
    const call = await run(["call", "chat_add_status", "--timeout", "3,5"]);
    expect([call.code, call.stderr]).toEqual([
      2,
      'error: --timeout must be a number of seconds above 0, got "3,5": use a dot: 3.5.\n',
    ]);
    const mock = await run(["mock-server", "--port", "abc"]);
    expect([mock.code, mock.stderr]).toEqual([2, 'error: --port must be a whole number from 0 to 65535, got "abc".\n']);
  });

  it("call --param stays repeatable", async () => {
    const r = await run(["call", "chat_add_status", "-p", "a=1", "-p", "b=2", "--timeout", "0"]);
    expect(r.stderr).toBe('error: --timeout must be a number of seconds above 0, got "0".\n');
  });
});
