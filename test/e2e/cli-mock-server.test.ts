import { describe, expect, it } from "vitest";
import { runCliInProcess, spawnCli } from "../helpers/cli.js";

describe("chatguru-sync mock-server", () => {
  it("prints 'listening on URL' first, serves the API, and exits 0 on SIGINT", async () => {
    const run = spawnCli(
      ["mock-server", "--port", "0", "--existing", "5511987654321", "--fields", "Email,Etapa do funil"],
      { timeoutMs: 20_000 },
    );
    const firstLine = await new Promise<string>((resolve, reject) => {
      let buffer = "";
      run.child.stdout!.on("data", (d: Buffer) => {
        buffer += d.toString("utf8");
        if (buffer.includes("\n")) resolve(buffer.slice(0, buffer.indexOf("\n")));
      });
      run.child.on("close", () => reject(new Error(`exited before listening: ${buffer}`)));
    });
    expect(firstLine).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    const url = firstLine.slice("listening on ".length);
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        key: "mock-key-not-secret",
        account_id: "mock-account-1",
        phone_id: "mock-phone-1",
        action: "chat_update_custom_fields",
        chat_number: "5511987654321",
        field__Etapa_do_funil: "Proposta",
      }).toString(),
    });
    expect(await res.json()).toMatchObject({ code: 200, result: "success" });
    run.child.kill("SIGINT");
    const result = await run;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("CHATGURU_API_KEY=mock-key-not-secret");
  });

  it("rejects out-of-range flags with exit 2 and a clear message", async () => {
    const r = await runCliInProcess(["mock-server", "--fail-rate", "1.5"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--fail-rate must be a probability from 0 to 1, got "1.5".');
    const r2 = await runCliInProcess(["mock-server", "--existing", "+55 11 98765-4321"]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/--existing/);
  });

  it("stops when the signal aborts (in-process)", async () => {
    const controller = new AbortController();
    let listening!: () => void;
    const started = new Promise<void>((resolve) => (listening = resolve));
    const pending = runCliInProcess(["mock-server", "--latency", "5", "--seed", "4"], {
      signal: controller.signal,
      onStdout: (out) => out.includes("\n") && listening(),
    });
    await started;
    controller.abort();
    const r = await pending;
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
  });
});
