import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/cli.js";
import { startScriptedServer, type ScriptedAnswer, type ScriptedServer } from "../helpers/scripted-chatguru.js";

/**
 * A server may echo the key in any encoding. With a key containing `+/=&`, none of them may reach
 * stderr, stdout (--json), the results file or the journal.
 */

const KEY = "AbC+/xy&z09=";
const raw = (status: number, text: string): ScriptedAnswer => ({ status, body: text });
const jsonError = (echo: string): ScriptedAnswer =>
  raw(400, `{"code":400,"result":"error","description":"Valor do campo inv\\u00e1lido (recebido ${echo})"}`);

/** One echo per row (by the row's phone, so retries and the 9th-digit form get the same one). */
const ECHOES: Array<[string, ScriptedAnswer]> = [
  ["raw", jsonError(KEY.replace("&", "&"))],
  ["encodeURIComponent", jsonError(encodeURIComponent(KEY))],
  [
    "form-encoded, lower-case hex",
    jsonError(
      new URLSearchParams({ k: KEY })
        .toString()
        .slice(2)
        .replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    ),
  ],
  ["form-decoded (+ read as a space)", jsonError(KEY.replace("+", " "))],
  ["JSON-escaped slash", jsonError(KEY.replace("/", "\\/"))],
  ["JSON \\u escapes", jsonError(KEY.replace("+", "\\u002B").replace("&", "\\u0026").replace("=", "\\u003d"))],
  [
    "HTML entities",
    jsonError(KEY.replace("&", "&amp;").replace("+", "&#43;").replace("/", "&#x2F;").replace("=", "&#61;")),
  ],
  [
    "HTML named entities",
    jsonError(KEY.replace("&", "&amp;").replace("+", "&plus;").replace("/", "&sol;").replace("=", "&equals;")),
  ],
  ["HTML error page", raw(400, `<html><body>Bad request key=${KEY.replace("&", "&amp;")}</body></html>`)],
  ["text error page, JSON-escaped", raw(404, `Not found: {"key":"${KEY.replace("/", "\\/")}"}`)],
];

let server: ScriptedServer | undefined;
afterEach(async () => server?.close());

describe("the key is redacted in every encoding a server may echo", () => {
  it.each(ECHOES.map(([name], i) => [name, i] as const))(
    "%s: not in stderr, --json, results, journal",
    async (_name, i) => {
      server = await startScriptedServer(() => ECHOES[i]![1]);
      const dir = mkdtempSync(join(tmpdir(), "cgs-redact-"));
      writeFileSync(join(dir, "l.csv"), "Telefone,Nome,Etapa\n11987654321,Ana,x\n");
      writeFileSync(
        join(dir, "m.json"),
        JSON.stringify({ phone: "Telefone", name: "Nome", mode: "update", custom_fields: { Etapa: "Etapa" } }),
      );
      const env = {
        CHATGURU_API_URL: server.url,
        CHATGURU_API_KEY: KEY,
        CHATGURU_ACCOUNT_ID: "acc",
        CHATGURU_PHONE_ID: "ph",
      };
      const base = ["sync", "--source", "l.csv", "--mapping", "m.json", "--rate", "0", "--timeout", "2"];
      const json = await runCliInProcess([...base, "--json"], { env, cwd: dir });
      const human = await runCliInProcess([...base, "--full"], { env, cwd: dir });
      const call = await runCliInProcess(["call", "note_add", "-p", "chat_number=5511987654321", "-p", "note_text=x"], {
        env,
        cwd: dir,
      });
      const report = JSON.parse(json.stdout) as { state: string; results: string };
      const outputs = {
        "--json stdout": json.stdout,
        "--json stderr": json.stderr,
        "human stderr": human.stderr,
        "human stdout": human.stdout,
        "call stdout": call.stdout,
        "call stderr": call.stderr,
        results: readFileSync(report.results, "utf8"),
        journal: readFileSync(report.state, "utf8"),
      };
      // The server really echoed it somewhere: the runs saw an answer, and the row failed with it.
      expect(outputs.results).toMatch(/failed/);
      const leaks = [
        KEY,
        "xy&z09",
        "xy%26z09",
        "xy\\u0026z09",
        "xy&amp;z09",
        "09=",
        "09%3D",
        "09%3d",
        "09\\u003d",
        "09&#61;",
        "09&equals;",
      ];
      for (const [where, text] of Object.entries(outputs)) {
        for (const leak of leaks) expect(text, `${where} holds ${leak}`).not.toContain(leak);
      }
    },
  );
});
