import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadEnvironment } from "../../../src/cli/env.js";
import { updateEnvFile } from "../../../src/ui/connection/env-file.js";

describe("updateEnvFile (the Conexão page saves to .env)", () => {
  it("sets the variables, keeps every other line, and the CLI reads back exactly what was saved", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cgs-env-"));
    const file = join(dir, ".env");
    writeFileSync(
      file,
      "\uFEFF# mine\nOTHER=1\nCHATGURU_API_KEY=old\nCHATGURU_API_KEY=older\nexport CHATGURU_PHONE_ID=p1\n",
    );
    const key = `a#b c'd"e`;
    await updateEnvFile(file, {
      CHATGURU_API_KEY: key,
      CHATGURU_PHONE_ID: "p2",
      CHATGURU_API_URL: "https://s15.chatguru.app/api/v1",
    });
    const text = readFileSync(file, "utf8");
    expect(text.split("\n").slice(0, 2)).toEqual(["# mine", "OTHER=1"]);
    expect(text.match(/CHATGURU_API_KEY/g)).toHaveLength(1);
    expect(loadEnvironment(dir, {})).toMatchObject({
      OTHER: "1",
      CHATGURU_API_KEY: key,
      CHATGURU_PHONE_ID: "p2",
      CHATGURU_API_URL: "https://s15.chatguru.app/api/v1",
    });
    // It holds the key: readable by its owner only.
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it("refuses a value that cannot be written on one line", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "cgs-env-")), ".env");
    await expect(updateEnvFile(file, { CHATGURU_API_KEY: "a\nb" })).rejects.toThrow();
  });
});
