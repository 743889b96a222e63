import { generateKeyPairSync, createVerify } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../../src/core/exit-code.js";
import { isSyncError, type SyncError } from "../../src/errors.js";
import { createSheetsGateway, type SheetsEvent, type SheetsGatewayOptions } from "../../src/sheets/sheets-gateway.js";
import { exitCodeOf } from "../helpers/exit-code.js";
import { startFakeSheetsServer, type FakeSheetsServer } from "../helpers/fake-sheets-server.js";

const ID = "spreadsheet-under-test";
const TOKEN = "ya29.fake-token-0123456789";

let fake: FakeSheetsServer;
let dir: string;

beforeAll(async () => {
  fake = await startFakeSheetsServer({ token: TOKEN });
  dir = await mkdtemp(join(tmpdir(), "sheets-gateway-"));
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  fake.requests.length = 0;
});

function fakeTime() {
  const state = { t: 1_700_000_000_000, sleeps: [] as number[] };
  return {
    state,
    now: () => state.t,
    sleep: async (ms: number) => {
      state.sleeps.push(ms);
      state.t += ms;
    },
  };
}

async function gatewayWith(extra: Partial<SheetsGatewayOptions> = {}, env: Record<string, string | undefined> = {}) {
  const time = fakeTime();
  const events: SheetsEvent[] = [];
  const gateway = await createSheetsGateway({
    env: { GOOGLE_ACCESS_TOKEN: TOKEN, SHEETS_API_URL: fake.url, ...env },
    now: time.now,
    sleep: time.sleep,
    random: () => 0,
    onEvent: (e) => events.push(e),
    ...extra,
  });
  return { gateway, time, events };
}

async function failure(promise: Promise<unknown>): Promise<SyncError> {
  try {
    await promise;
  } catch (error) {
    if (isSyncError(error)) return error;
    throw error;
  }
  throw new Error("expected a failure");
}

describe("Sheets gateway over the real client", () => {
  beforeAll(() => {
    fake.setSheet(ID, "Leads", 0, [
      ["Nome", "Telefone"],
      ["Ana", "+55 11 98765-4321"],
    ]);
  });

  it("sends the access token as a Bearer token and returns formatted values as strings", async () => {
    const { gateway } = await gatewayWith();
    expect(await gateway.getValues(ID, "'Leads'!A1:B2")).toEqual([
      ["Nome", "Telefone"],
      ["Ana", "+55 11 98765-4321"],
    ]);
    const request = fake.requests.at(-1)!;
    expect(request.auth).toBe(`Bearer ${TOKEN}`);
    expect(request.query.get("valueRenderOption")).toBe("FORMATTED_VALUE");
    expect(gateway.requestCount).toBe(1);
  });

  it("works with a SHEETS_API_URL that lacks the trailing slash", async () => {
    const { gateway } = await gatewayWith({}, { SHEETS_API_URL: fake.url.replace(/\/$/, "") });
    const info = await gateway.getSpreadsheet(ID);
    expect(info.tabs).toEqual([{ sheetId: 0, title: "Leads", index: 0, rowCount: 2, columnCount: 26 }]);
  });

  it("honours Retry-After on a 429, then succeeds", async () => {
    const { gateway, time, events } = await gatewayWith();
    fake.failNext(429, 1, { retryAfter: "7" });
    expect(await gateway.getValues(ID, "'Leads'!A1")).toEqual([["Nome"]]);
    expect(time.state.sleeps).toEqual([7000]);
    expect(gateway.requestCount).toBe(2);
    expect(events.filter((e) => e.type === "sheets-retry")).toEqual([
      { type: "sheets-retry", method: "values.get", attempt: 1, reason: "HTTP 429", status: 429, delayMs: 7000 },
    ]);
  });

  it("retries 5xx and connection resets with exponential backoff", async () => {
    const { gateway, time } = await gatewayWith();
    fake.failNext(503, 1);
    fake.failNext(502, 1);
    fake.resetNext(1);
    expect(await gateway.getValues(ID, "'Leads'!B2")).toEqual([["+55 11 98765-4321"]]);
    // random() = 0 → half of 1 s, 2 s, 4 s. The reset happens first: resets are checked before queued failures.
    expect(time.state.sleeps).toEqual([500, 1000, 2000]);
    expect(gateway.requestCount).toBe(4);
  });

  it("gives up after 5 attempts with an abort (exit 3)", async () => {
    const { gateway, time } = await gatewayWith();
    fake.failNext(500, 5);
    const error = await failure(gateway.getValues(ID, "'Leads'!A1"));
    expect(error.code).toBe("SHEETS_UNAVAILABLE");
    expect(exitCodeOf(error)).toBe(ExitCode.ABORTED);
    expect(error.message).toContain("5 attempts");
    expect(time.state.sleeps).toHaveLength(4);
    expect(gateway.requestCount).toBe(5);
  });

  it("paces requests under the quota: the 61st call in a minute waits", async () => {
    const { gateway, time, events } = await gatewayWith({ quotaPerMinute: 60 });
    for (let i = 0; i < 60; i++) await gateway.getValues(ID, "'Leads'!A1");
    expect(time.state.sleeps).toEqual([]);
    await gateway.getValues(ID, "'Leads'!A1");
    expect(time.state.sleeps).toEqual([60_000]);
    expect(events.filter((e) => e.type === "sheets-throttle")).toEqual([
      { type: "sheets-throttle", method: "values.get", waitMs: 60_000 },
    ]);
    expect(gateway.requestCount).toBe(61);
  });

  it("explains a 403 without naming an account when it does not know one (access token)", async () => {
    const { gateway } = await gatewayWith();
    fake.failNext(403);
    const error = await failure(gateway.getValues(ID, "'Leads'!A1"));
    expect(error.code).toBe("SHEETS_PERMISSION_DENIED");
    expect(exitCodeOf(error)).toBe(ExitCode.USAGE);
    expect(error.message).toContain("not shared with the account your credentials belong to");
    expect(error.message).not.toContain(TOKEN);
    expect(error.cause).toBeUndefined();
  });

  it("explains a 404 as a wrong URL", async () => {
    const { gateway } = await gatewayWith();
    const error = await failure(gateway.getSpreadsheet("no-such-sheet"));
    expect(error.code).toBe("SHEETS_NOT_FOUND");
    expect(exitCodeOf(error)).toBe(ExitCode.USAGE);
    expect(error.message).toBe("Google Sheets: spreadsheet no-such-sheet not found — check the URL.");
  });

  it("explains a rejected token (401) without echoing it", async () => {
    const wrong = "ya29.expired-token-abcdef";
    const { gateway } = await gatewayWith({}, { GOOGLE_ACCESS_TOKEN: wrong });
    const error = await failure(gateway.getValues(ID, "'Leads'!A1"));
    expect(error.code).toBe("SHEETS_AUTH");
    expect(exitCodeOf(error)).toBe(ExitCode.USAGE);
    expect(error.message).toContain(
      "Google rejected the credentials: refresh GOOGLE_ACCESS_TOKEN or check GOOGLE_APPLICATION_CREDENTIALS",
    );
    expect(JSON.stringify({ message: error.message, context: error.context })).not.toContain(wrong);
    expect(fake.requests.at(-1)!.auth).toBe(`Bearer ${wrong}`);
    expect(gateway.requestCount).toBe(1);
  });

  it("writes with valueInputOption RAW", async () => {
    fake.setSheet(ID, "Raw", 9, [["a"]], { rowCount: 5 });
    const { gateway } = await gatewayWith();
    await gateway.updateValues(ID, "'Raw'!A1:B1", [["+5511987654321", "=1+1"]]);
    await gateway.batchUpdateValues(ID, [{ range: "'Raw'!A2", values: [["+5521999998888"]] }]);
    expect(fake.getSheet(ID, "Raw")).toEqual([["+5511987654321", "=1+1"], ["+5521999998888"]]);
    expect(fake.requests.map((r) => r.valueInputOption)).toEqual(["RAW", "RAW"]);
  });
});

describe("credentials", () => {
  const email = "sync-bot@fake-project.iam.gserviceaccount.com";
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });

  async function keyFile(overrides: Record<string, unknown> = {}): Promise<string> {
    const path = join(dir, `key-${Math.random().toString(36).slice(2)}.json`);
    const json = {
      type: "service_account",
      project_id: "fake-project",
      private_key_id: "fake-key-id",
      private_key: privateKey,
      client_email: email,
      token_uri: fake.tokenUrl,
      ...overrides,
    };
    await writeFile(path, JSON.stringify(json));
    return path;
  }

  it("uses a service-account key: JWT-bearer exchange at the key's token_uri, then Bearer calls", async () => {
    fake.setSheet(ID, "Leads", 0, [["Nome"]]);
    const path = await keyFile();
    const gateway = await createSheetsGateway({
      env: { GOOGLE_APPLICATION_CREDENTIALS: path, SHEETS_API_URL: fake.url },
    });
    expect(gateway.accountEmail).toBe(email);
    expect(await gateway.getValues(ID, "'Leads'!A1")).toEqual([["Nome"]]);
    await gateway.getValues(ID, "'Leads'!A1");

    const [tokenRequest, ...apiRequests] = fake.requests;
    expect(tokenRequest!.path).toBe("/token");
    const form = tokenRequest!.body as Record<string, string>;
    expect(form.grant_type).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    const [header, payload, signature] = form.assertion!.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { iss: string; scope: string };
    expect(claims.iss).toBe(email);
    expect(claims.scope).toBe("https://www.googleapis.com/auth/spreadsheets");
    const verifier = createVerify("RSA-SHA256");
    verifier.update(`${header}.${payload}`);
    expect(verifier.verify(publicKey, Buffer.from(signature, "base64url"))).toBe(true);
    // The token is fetched once and reused.
    expect(apiRequests.map((r) => r.auth)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });

  it("names the service account in a 403 so the person knows whom to share the sheet with", async () => {
    const gateway = await createSheetsGateway({
      env: { GOOGLE_APPLICATION_CREDENTIALS: await keyFile(), SHEETS_API_URL: fake.url },
    });
    fake.failNext(403);
    const error = await failure(gateway.getSpreadsheet(ID));
    expect(error.message).toBe(
      `Google Sheets denied access to spreadsheet ${ID}: the sheet is not shared with ${email}: share it (Editor) with that address.`,
    );
    expect(error.message).not.toContain(TOKEN);
  });

  it("prefers GOOGLE_ACCESS_TOKEN over a key file", async () => {
    const gateway = await createSheetsGateway({
      env: {
        GOOGLE_ACCESS_TOKEN: TOKEN,
        GOOGLE_APPLICATION_CREDENTIALS: join(dir, "missing.json"),
        SHEETS_API_URL: fake.url,
      },
    });
    await gateway.getValues(ID, "'Leads'!A1");
    expect(fake.requests.map((r) => r.path)).not.toContain("/token");
  });

  it("reports a key the token endpoint refuses (400 invalid_grant) as a credentials problem, key redacted", async () => {
    const path = await keyFile();
    const gateway = await createSheetsGateway({
      env: { GOOGLE_APPLICATION_CREDENTIALS: path, SHEETS_API_URL: fake.url },
    });
    fake.rejectNextToken();
    const error = await failure(gateway.getValues(ID, "'Leads'!A1"));
    // A 400 from the Sheets API would be SHEETS_BAD_REQUEST: this one came from the token endpoint.
    expect(error.code).toBe("SHEETS_AUTH");
    expect(error.message).toContain("Google rejected the credentials");
    expect(error.message).toContain("invalid_grant");
    expect(error.message).not.toContain("PRIVATE KEY");
    expect(fake.requests.map((r) => r.path)).toEqual(["/token"]);
  });

  it("reports a missing or broken key file as a config error naming the path", async () => {
    const missing = join(dir, "nope.json");
    let error = await failure(createSheetsGateway({ env: { GOOGLE_APPLICATION_CREDENTIALS: missing } }));
    expect(error.code).toBe("SHEETS_CREDENTIALS_FILE");
    expect(error.message).toContain(missing);
    const broken = join(dir, "broken.json");
    await writeFile(broken, `{"private_key": "${"x".repeat(40)}"`);
    error = await failure(createSheetsGateway({ env: { GOOGLE_APPLICATION_CREDENTIALS: broken } }));
    expect(error.message).toBe(`GOOGLE_APPLICATION_CREDENTIALS=${broken} is not a JSON key file.`);
    const noKey = await keyFile({ private_key: undefined });
    error = await failure(createSheetsGateway({ env: { GOOGLE_APPLICATION_CREDENTIALS: noKey } }));
    expect(error.message).toContain("has no private_key");
  });

  it("explains the three options when there are no credentials at all", async () => {
    const saved = { ...process.env };
    const emptyHome = await mkdtemp(join(tmpdir(), "no-adc-"));
    try {
      // google-auth-library looks at the real process: no key file, no gcloud login, no metadata server.
      delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
      process.env.HOME = emptyHome;
      process.env.APPDATA = emptyHome;
      process.env.METADATA_SERVER_DETECTION = "none";
      const error = await failure(createSheetsGateway({ env: {} }));
      expect(error.code).toBe("SHEETS_NO_CREDENTIALS");
      expect(exitCodeOf(error)).toBe(ExitCode.USAGE);
      for (const option of ["GOOGLE_ACCESS_TOKEN", "GOOGLE_APPLICATION_CREDENTIALS", "application-default login"]) {
        expect(error.message).toContain(option);
      }
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      await rm(emptyHome, { recursive: true, force: true });
    }
  });
});
