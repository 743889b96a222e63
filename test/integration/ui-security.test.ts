import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SECRET_KEY, startUiEnv, UiClient, type UiEnv } from "../helpers/ui-client.js";

let env: UiEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

/** A raw request, for the headers fetch will not let a test forge (Host). */
function raw(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** A built page folder with an import map, as `npm run build` writes dist/web. */
function webDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "cgs-web-"));
  const map = '{"imports":{"preact":"/assets/vendor/preact/preact.js"}}';
  writeFileSync(
    join(dir, "index.html"),
    `<!doctype html><html lang="pt-BR"><head><script type="importmap">${map}</script>` +
      `<script type="module" src="/assets/main.js"></script></head><body></body></html>`,
  );
  writeFileSync(join(dir, "main.js"), "export {};\n");
  mkdirSync(join(dir, "vendor"));
  return dir;
}

describe("ui server security (docs/ui-api.md)", () => {
  it("lets a browser in only through the token, exchanged for an HttpOnly SameSite=Strict cookie", async () => {
    env = await startUiEnv({}, { webDir: webDir() });
    const { server } = env;
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?t=[\w-]{20,}$/);
    const stranger = new UiClient(server.origin);
    expect((await stranger.get("/api/connection")).status).toBe(401);
    expect((await stranger.get("/api/connection")).json.error.code).toBe("UI_UNAUTHORIZED");
    const page = await stranger.get("/conexao");
    expect(page.status).toBe(401);
    expect(page.text).toContain('lang="pt-BR"');
    expect((await stranger.get("/assets/main.js")).status).toBe(401);
    const wrong = await fetch(`${server.origin}/?t=not-the-token`, { redirect: "manual" });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("set-cookie")).toBeNull();

    const login = await stranger.login(`${server.url.replace("/?", "/colunas?fonte=abc&")}`);
    expect(login.status).toBe(303);
    expect(login.headers.get("location")).toBe("/colunas?fonte=abc");
    const cookie = login.headers.get("set-cookie")!;
    expect(cookie).toMatch(new RegExp(`^cgs_${server.port}=[\\w-]+; HttpOnly; SameSite=Strict; Path=/$`));
    expect(cookie).not.toContain(server.url.split("t=")[1]);
    expect((await stranger.get("/api/connection")).status).toBe(200);
    const index = await stranger.get("/colunas");
    expect(index.status).toBe(200);
    expect(index.text).toContain('<script type="importmap">');
    expect((await stranger.get("/assets/main.js")).headers.get("content-type")).toMatch(/^text\/javascript/);
  });

  it("refuses a foreign Host (DNS rebinding), a foreign Origin or a cross-site fetch (CSRF)", async () => {
    env = await startUiEnv();
    const { server, client } = env;
    const cookie = client.cookie;
    const ok = await raw(server.port, "/api/app", { cookie, host: `127.0.0.1:${server.port}` });
    expect(ok.status).toBe(200);
    for (const host of [`evil.example:${server.port}`, `localhost:${server.port}`, "127.0.0.1"]) {
      const refused = await raw(server.port, "/api/app", { cookie, host });
      expect(refused.status, host).toBe(421);
      expect(JSON.parse(refused.body).error.code).toBe("UI_WRONG_HOST");
    }
    for (const origin of ["http://evil.example", `http://127.0.0.1:${server.port + 1}`, "null"]) {
      const refused = await client.call("PUT", "/api/connection", { apiUrl: "http://evil.example/api/v1" }, { origin });
      expect(refused.status, origin).toBe(403);
    }
    expect(existsSync(join(env.dir, ".env"))).toBe(false);
    expect((await client.call("GET", "/api/app", undefined, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await client.call("GET", "/api/app", undefined, { "sec-fetch-site": "same-site" })).status).toBe(403);
    const sameOrigin = { origin: server.origin, "sec-fetch-site": "same-origin" };
    expect((await client.call("GET", "/api/app", undefined, sameOrigin)).status).toBe(200);
  });

  it("sends CSP default-src 'self' (the import map allowed by its hash), X-Frame-Options DENY and nosniff everywhere", async () => {
    env = await startUiEnv({}, { webDir: webDir() });
    const { client } = env;
    const map = '{"imports":{"preact":"/assets/vendor/preact/preact.js"}}';
    const { createHash } = await import("node:crypto");
    const hash = createHash("sha256").update(map).digest("base64");
    for (const path of ["/", "/envio?envio=x", "/api/app", "/api/nope", "/assets/main.js", "/assets/missing.js"]) {
      const answer = await client.get(path);
      const csp = answer.headers.get("content-security-policy") ?? "";
      expect(csp, path).toMatch(/^default-src 'self'; /);
      expect(csp, path).toContain(`script-src 'self' 'sha256-${hash}'`);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(answer.headers.get("x-frame-options"), path).toBe("DENY");
      expect(answer.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
  });

  it("caps uploads with a clear 413 and keeps nothing — declared too long, or streamed past the cap", async () => {
    env = await startUiEnv({}, { uploadLimitBytes: 1000 });
    const { client } = env;
    const big = `Nome;Telefone\n${"Ana;11987654321\n".repeat(200)}`;
    const declared = await client.upload("grande.csv", big);
    expect(declared.status).toBe(413);
    expect(declared.json.error).toMatchObject({ code: "UI_UPLOAD_TOO_LARGE" });
    expect(declared.json.error.message).toMatch(/limite/);
    const chunks = [new TextEncoder().encode(big.slice(0, 900)), new TextEncoder().encode(big.slice(900))];
    const streamed = await fetch(`${env.server.origin}/api/sources?name=grande.csv`, {
      method: "POST",
      headers: { cookie: client.cookie, "content-type": "application/octet-stream" },
      body: new ReadableStream({
        pull(controller) {
          const next = chunks.shift();
          if (next) controller.enqueue(next);
          else controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as { error: { code: string } }).error.code).toBe("UI_UPLOAD_TOO_LARGE");
    const sources = join(env.dir, ".chatguru-sync", "ui", "sources");
    expect(existsSync(sources) ? readdirSync(sources) : []).toEqual([]);
    expect((await client.upload("pequeno.csv", "Nome;Telefone\nAna;11987654321\n")).status).toBe(201);
  });

  it("never lets a path from the client reach outside the app folder", async () => {
    env = await startUiEnv({}, { webDir: webDir() });
    const { client } = env;
    const uploaded = await client.upload("../../../../tmp/evil.csv", "Nome;Telefone\nAna;11987654321\n");
    expect(uploaded.status).toBe(201);
    expect(uploaded.json.name).toBe("evil.csv");
    const dir = join(env.dir, ".chatguru-sync", "ui", "sources", uploaded.json.id);
    expect(readdirSync(dir)).toContain("evil.csv");
    expect((await client.upload("..", "x")).status).toBe(400);
    expect((await client.upload("notas.pdf", "x")).json.error.code).toBe("UI_UPLOAD_KIND");
    for (const path of [
      "/assets/../package.json",
      "/assets/%2e%2e/%2e%2e/package.json",
      "/assets/..%2f..%2fpackage.json",
      "/assets/%2fetc%2fpasswd",
      "/assets/main.js%00.png",
      "/api/sources/..%2f..%2f..%2fetc/rows",
      "/api/sources/%2e%2e/mapping",
      "/api/runs/..%2f..%2fsources/files/results",
      "/api/runs/x/files/..%2f..%2f.env",
    ]) {
      const answer = await client.get(path);
      expect(answer.status, path).toBeGreaterThanOrEqual(400);
      expect(answer.text, path).not.toMatch(/"name": "chatguru-sync"|root:|CHATGURU/);
    }
  });

  it("keeps the API key and Google credentials server-side: saved to .env, shown only as its last characters", async () => {
    env = await startUiEnv();
    const { client, mock } = env;
    const saved = await client.put("/api/connection", {
      apiUrl: mock.url,
      key: SECRET_KEY,
      accountId: mock.credentials.accountId,
      phoneId: mock.credentials.phoneId,
    });
    expect(saved.json.keyHint).toBe(`••••${SECRET_KEY.slice(-4)}`);
    // A pasted value with a line break cannot smuggle another setting into .env.
    const smuggled = await client.put("/api/connection", { accountId: "conta\nCHATGURU_API_URL=http://evil.example" });
    expect(smuggled.status).toBe(400);
    expect(smuggled.json.error).toMatchObject({ code: "UI_CONNECTION_INVALID", field: "accountId" });
    expect(readFileSync(join(env.dir, ".env"), "utf8")).not.toContain("evil");
    // Saving again without a key keeps the saved one.
    await client.put("/api/connection", {
      apiUrl: mock.url,
      accountId: "outra-conta",
      phoneId: mock.credentials.phoneId,
    });
    expect((await client.get("/api/connection")).json).toMatchObject({ accountId: "outra-conta", complete: true });
    expect((await client.post("/api/connection/check")).json).toMatchObject({ ok: false, problem: "account" });
    expect((await client.post("/api/connection/check", { key: "typed-but-wrong-key" })).text).not.toContain(
      "typed-but-wrong-key",
    );
    for (const body of client.seen) expect(body).not.toContain(SECRET_KEY);
  });
});
