import { describe, expect, it } from "vitest";
import { resolveConnection } from "../../../src/cli/env.js";
import { runCliInProcess } from "../../helpers/cli.js";

/** Over plain http:// to another machine the key travels in clear — say so once. */
const env = (url: string) => ({
  CHATGURU_API_URL: url,
  CHATGURU_API_KEY: "plain-key-not-real",
  CHATGURU_ACCOUNT_ID: "a",
  CHATGURU_PHONE_ID: "p",
});

function warningsFor(url: string): string[] {
  const warnings: string[] = [];
  resolveConnection({}, env(url), { onWarning: (m) => warnings.push(m) });
  return warnings;
}

describe("plain http:// warning", () => {
  it.each(["http://s15.chatguru.app/api/v1", "http://10.0.0.5:8080/api/v1", "http://user:pw@proxy.example/api?key=x"])(
    "%s: one warning naming the host, saying the key travels unencrypted",
    (url) => {
      const warnings = warningsFor(url);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/http:\/\/.*unencrypted.*https:\/\//);
      expect(warnings[0]).toContain(new URL(url).hostname);
      expect(warnings[0]).not.toMatch(/pw|key=x/);
    },
  );

  it.each([
    "https://s15.chatguru.app/api/v1",
    "http://127.0.0.1:3000/api/v1",
    "http://127.8.9.1/api/v1",
    "http://localhost:3000/api/v1",
    "http://mock.localhost/api/v1",
    "http://[::1]:3000/api/v1",
  ])("%s: no warning", (url) => {
    expect(warningsFor(url)).toEqual([]);
  });

  it("the CLI prints it once on stderr", async () => {
    const r = await runCliInProcess(["call", "message_status", "-p", "message_id=1", "--timeout", "2"], {
      env: env("http://chatguru.invalid/api/v1"),
    });
    expect(r.stderr.match(/warning: .*unencrypted/g)).toHaveLength(1);
  });
});
