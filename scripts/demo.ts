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
import { runCli } from "../src/cli/main.js";
import { normalizePhone } from "../src/mapping/phone.js";

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
process.stderr.write(
  `Mock ChatGuru on ${mock.url} (${existingChats.length} chats already exist; chat_add takes ~${addDelayMs / 1000} s)\n` +
    `Syncing ${source} with ${mapping}…\n\n`,
);

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
process.stderr.write(
  `\nThe mock now holds ${state.chats.length} chats and received ${state.requests.total} requests ` +
    `(${Object.entries(state.requests.byAction)
      .map(([a, n]) => `${a} ${n}`)
      .join(", ")}).\n` +
    `Open the results file above in Excel or LibreOffice: one row per contact with its chatguru_status.\n` +
    `Exit code ${code}: ${code === 1 ? "some rows are invalid/duplicate/failed on purpose — the fixture shows every outcome." : "see README → Exit codes."}\n`,
);
await mock.close();
// The demo succeeded if the sync ran to completion; row failures are part of the show.
process.exitCode = code === 0 || code === 1 ? 0 : code;
