/**
 * `npm run demo`: the main job end to end on the embedded mock ChatGuru — no account, no network.
 * Starts the mock (a few seconds of chat_add delay, the custom fields of mapping.example.json, some chats already
 * there, some stored in the 12-digit form), syncs fixtures/contacts.csv with the real CLI, and says where to look.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startMockServer } from "../src/chatguru/mock/mock-server.js";
import { localeEnvironment } from "../src/cli/env.js";
import { languageOf } from "../src/cli/language.js";
import { runCli } from "../src/cli/main.js";
import { normalizePhone } from "../src/mapping/phone.js";
import { speaker } from "../src/messages/translate.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const source = join(root, "fixtures", "contacts.csv");
const mapping = join(root, "mapping.example.json");

// Pre-existing chats: every third valid number, stored the way ChatGuru often has them (12-digit for some areas).
const existingChats: string[] = [];
const lines = readFileSync(source, "utf8").split(/\r?\n/).slice(1);
lines.forEach((line, i) => {
  const phone = normalizePhone(line.split(",")[0] ?? "", "BR");
  if (!phone.ok || i % 3 !== 0) return;
  existingChats.push(i % 2 === 0 && phone.phone.alternate ? phone.phone.alternate : phone.phone.canonical);
});

// The test suite runs the demo too (NODE_ENV=test, with the short test poll schedule): there adds settle at once and
// nothing is paced, as the suite checks what the demo prints, not how long ChatGuru takes.
const underTest = process.env.NODE_ENV === "test";
const addDelayMs = underTest ? 0 : 2_500;
const mock = await startMockServer({ addDelayMs, latencyMs: underTest ? 0 : 40, existingChats, seed: 42 });
const stateDir = mkdtempSync(join(tmpdir(), "chatguru-sync-demo-"));
// The demo speaks the person's language as the CLI does (LC_ALL, LC_MESSAGES, LANG), its own lines included.
const locale = localeEnvironment();
const sp = speaker(languageOf([], locale));
const start = {
  url: mock.url,
  existing: existingChats.length,
  addSeconds: new Intl.NumberFormat(sp.language).format(addDelayMs / 1000),
  source,
  mapping,
};
process.stderr.write(`${sp.t("demo.start", start)}\n\n`);

const controller = new AbortController();
process.once("SIGINT", () => controller.abort());
const code = await runCli(
  [
    "sync",
    "--source",
    source,
    "--mapping",
    mapping,
    "--state",
    join(stateDir, "state.ndjson"),
    "--rate",
    underTest ? "0" : "10",
    "--concurrency",
    "4",
  ],
  {
    env: {
      CHATGURU_API_URL: mock.url,
      CHATGURU_API_KEY: mock.credentials.key,
      CHATGURU_ACCOUNT_ID: mock.credentials.accountId,
      CHATGURU_PHONE_ID: mock.credentials.phoneId,
      ...Object.fromEntries(Object.entries(locale).filter(([, value]) => value !== undefined)),
      ...(underTest
        ? {
            NODE_ENV: "test",
            CHATGURU_SYNC_TEST_POLL_MS: process.env.CHATGURU_SYNC_TEST_POLL_MS ?? "",
            CHATGURU_SYNC_TEST_PROBE_MS: process.env.CHATGURU_SYNC_TEST_PROBE_MS ?? "",
          }
        : {}),
    },
    signal: controller.signal,
  },
);

const state = mock.state();
const byAction = Object.entries(state.requests.byAction)
  .map(([action, n]) => `${action} ${n}`)
  .join(", ");
const end = sp.t("demo.end", { chats: state.chats.length, requests: state.requests.total, byAction });
const exit = code === 1 ? sp.t("demo.exitRowProblems", { code }) : sp.t("demo.exitOther", { code });
process.stderr.write(`\n${end}\n${exit}\n`);
await mock.close();
// The demo succeeded if the sync ran to completion; row failures are part of the show.
process.exitCode = code === 0 || code === 1 ? 0 : code;
