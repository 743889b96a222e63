// Lint = correctness rules + the folder seams (README "Architecture": dependencies point inward), enforced so they do not erode.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Imports a folder must never make, as `no-restricted-imports` patterns with the reason shown to whoever breaks it. */
function forbid(files, groups) {
  return {
    files,
    rules: {
      "no-restricted-imports": ["error", { patterns: groups.map(([group, message]) => ({ group, message })) }],
    },
  };
}

/** The catalog's files: `outside` is the pattern of an import leaving messages/ for anything but core/. */
function catalogOnly(files, outside) {
  const message = "messages/ is loaded by the web app's pages too: no node: module, nothing of the project but core/.";
  return {
    files,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^node:", message },
            { regex: outside, message },
          ],
        },
      ],
    },
  };
}

/** What no file of the engine may import: it gets its adapters injected and never knows the CLI. */
const ENGINE_FORBIDS = [
  [
    ["**/sources/*-source*", "**/sources/create-source*"],
    "engine/ gets a Source injected; it never knows a concrete source.",
  ],
  [["**/sinks/*-sink*", "**/sinks/create-sink*"], "engine/ gets a Sink injected; it never knows a concrete sink."],
  [["**/sheets/*"], "engine/ never talks to Google Sheets."],
  [["**/cli/*", "**/cli/**"], "engine/ is library code: the CLI depends on it, never the reverse."],
  [["csv-parse", "csv-parse/*", "csv-stringify", "csv-stringify/*"], "CSV belongs to sources/ and sinks/."],
  [["googleapis", "@googleapis/*", "exceljs"], "file formats and Google belong to sources/, sinks/ and sheets/."],
];

/**
 * The engine's rooms, each with the rooms it may import, in the order of a row's life read from the bottom: shared
 * types; the transport and the pure decisions; what the run learns; the row's job; the steps once the chat exists;
 * the add; the row's paths; the run. run-sync.ts, at the engine's root, composes them all.
 */
const ENGINE_ROOMS = {
  shared: [],
  transport: ["shared"],
  decide: ["shared"],
  learning: ["shared", "decide", "transport"],
  job: ["shared", "decide", "learning", "transport"],
  "follow-ups": ["shared", "decide", "learning", "transport", "job"],
  add: ["shared", "decide", "learning", "transport", "job", "follow-ups"],
  row: ["shared", "decide", "learning", "transport", "job", "follow-ups", "add"],
  run: ["shared", "decide", "learning", "transport", "job", "follow-ups", "add", "row"],
};

const ADAPTER_FORBIDS = ["**/engine/*", "**/cli/*"];
const ADAPTER_MESSAGE = "adapters implement the engine's ports from core/; they never import engine/ or cli/.";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "fixtures/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
      "no-control-regex": "off",
    },
  },
  forbid(["src/engine/**/*.ts"], ENGINE_FORBIDS),
  // Each room of the engine imports only the rooms below it (a room's own files aside): the order a row's life reads.
  ...Object.entries(ENGINE_ROOMS).map(([room, below]) =>
    forbid(
      [`src/engine/${room}/**/*.ts`],
      [
        ...ENGINE_FORBIDS,
        [
          [...Object.keys(ENGINE_ROOMS).filter((r) => r !== room && !below.includes(r)), "run-sync"].map(
            (r) => `../${r}*`,
          ),
          `engine/${room}/ imports only ${below.length > 0 ? below.join(", ") : "nothing of the engine"}: rooms lower in a row's life never import the ones above them.`,
        ],
      ],
    ),
  ),
  // One row's steps take the row's job (job/row-job.ts), not a list of what it is made of.
  { files: ["src/engine/**/*.ts"], rules: { "max-params": ["error", 4] } },
  forbid(
    ["src/chatguru/**/*.ts"],
    [
      [["**/engine/*", "**/engine/**"], "chatguru/ is the API and nothing else: it knows no queue, row or retry."],
      [["**/mapping/*", "**/mapping/**"], "chatguru/ is the API and nothing else: it knows no mapping."],
      [["**/state/*", "**/sources/*", "**/sinks/*", "**/cli/*"], "chatguru/ is the API and nothing else."],
    ],
  ),
  forbid(
    ["src/core/**/*.ts", "src/util/**/*.ts"],
    [
      [
        ["../*", "!../core/*", "!../util/*"],
        "core/ and util/ are the bottom layer: they import nothing of the project's.",
      ],
    ],
  ),
  // messages/ is the catalog the web app's pages load too: no node: module, nothing of the project but core/.
  catalogOnly(["src/messages/*.ts"], "^\\.\\./(?!core/)"),
  catalogOnly(["src/messages/*/**/*.ts"], "^\\.\\./\\.\\./(?!core/)"),
  forbid(
    ["src/sources/**/*.ts", "src/sinks/**/*.ts", "src/mapping/**/*.ts", "src/state/**/*.ts", "src/sheets/**/*.ts"],
    [[ADAPTER_FORBIDS, ADAPTER_MESSAGE]],
  ),
  // After the adapters rule above: for the same files the later no-restricted-imports wins, so these repeat it.
  forbid(
    ["src/sinks/**/*.ts"],
    [
      [
        ["**/sources/*-source*", "**/sources/create-source*"],
        "sinks/ meet sources/ only through the port in sources/source.ts; a concrete source is wired in by the caller.",
      ],
      [ADAPTER_FORBIDS, ADAPTER_MESSAGE],
    ],
  ),
  forbid(
    ["src/sources/**/*.ts"],
    [
      [["**/sinks/*"], "sources/ read rows; they never know where results go."],
      [ADAPTER_FORBIDS, ADAPTER_MESSAGE],
    ],
  ),
);
