import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as api from "../../src/index.js";
import * as mock from "../../src/mock.js";
import { classifyChatGuruError } from "../../src/chatguru/classify-error.js";
import { hintWords } from "../../src/messages/hint.js";
import { repoRoot } from "../helpers/cli.js";

// The exact runtime names of each entry: a new export is a decision someone makes here, not a side effect.
const MAIN_EXPORTS = [
  "ChatGuruAbortedError",
  "ChatGuruApiError",
  "ChatGuruAuthError",
  "ChatGuruBadResponseError",
  "ChatGuruError",
  "ChatGuruNetworkError",
  "ChatGuruParamError",
  "ChatGuruRateLimitError",
  "ChatGuruRedirectError",
  "ChatGuruTimeoutError",
  "ConfigError",
  "InternalError",
  "InterruptedError",
  "RunAbortedError",
  "SyncError",
  "UsageError",
  "addNote",
  "chatAdd",
  "createChatGuruClient",
  "createSource",
  "executeDialog",
  "getChatAddStatus",
  "getMessageStatus",
  "isChatGuruAbortedError",
  "isChatGuruApiError",
  "isChatGuruAuthError",
  "isChatGuruBadResponseError",
  "isChatGuruError",
  "isChatGuruNetworkError",
  "isChatGuruParamError",
  "isChatGuruRateLimitError",
  "isChatGuruRedirectError",
  "isChatGuruTimeoutError",
  "isConfigError",
  "isInternalError",
  "isInterruptedError",
  "isRunAbortedError",
  "isSyncError",
  "isUsageError",
  "loadMapping",
  "sendFile",
  "sendMessage",
  "startMockServer",
  "sync",
  "updateChatContext",
  "updateChatName",
  "updateCustomFields",
  "validate",
];

const MOCK_EXPORTS = ["MOCK_CREDENTIALS", "startMockServer"];

interface PackageJson {
  exports: Record<string, string | { types: string; import: string }>;
  bin: Record<string, string>;
}

/** What `npm run build` (tsc -p tsconfig.build.json) writes for each source file, relative to the repository. */
function builtFiles(): Set<string> {
  const configPath = path.join(repoRoot, "tsconfig.build.json");
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    },
  );
  if (!config) throw new Error("tsconfig.build.json could not be read");
  const { rootDir, outDir } = config.options;
  const built = new Set<string>();
  for (const file of config.fileNames) {
    if (!file.endsWith(".ts") || file.endsWith(".d.ts")) continue;
    const out = path.join(outDir!, path.relative(rootDir!, file)).replace(/\.ts$/, "");
    for (const ext of [".js", ".d.ts"])
      built.add(
        path
          .relative(repoRoot, out + ext)
          .split(path.sep)
          .join("/"),
      );
  }
  return built;
}

describe("public API", () => {
  it("the main entry exports exactly the documented names", () => {
    expect(Object.keys(api).sort()).toEqual([...MAIN_EXPORTS].sort());
  });

  it("`chatguru-sync/mock` exports exactly the mock server and its credentials", () => {
    expect(Object.keys(mock).sort()).toEqual(MOCK_EXPORTS);
    // The library's documented import names startMockServer beside sync(): it is the same function on both entries.
    expect(api.startMockServer).toBe(mock.startMockServer);
  });

  it("keeps hints, error-code helpers, exit codes, the catalog and adapters internal", () => {
    for (const name of [
      "ERROR_HINTS",
      "hintFor",
      "ExitCode",
      "classifyChatGuruError",
      "isSendRequest",
      "say",
      "text",
      "messagesEn",
      "createCsvSource",
      "createSheetsSource",
      "createSheetsGateway",
      "createCsvSink",
      "createSheetsSink",
      "runCli",
      "ACTIONS",
      "AbortError",
      "exitCodeOf",
    ]) {
      expect(api, name).not.toHaveProperty(name);
    }
  });

  it("package.json maps `.` and `./mock` to files the build writes, types beside code", () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as PackageJson;
    const built = builtFiles();
    expect(Object.keys(pkg.exports).sort()).toEqual([".", "./mock", "./package.json"]);
    for (const [entry, source] of [
      [".", "index"],
      ["./mock", "mock"],
    ] as const) {
      const target = pkg.exports[entry] as { types: string; import: string };
      expect(target, entry).toEqual({ types: `./dist/${source}.d.ts`, import: `./dist/${source}.js` });
      expect(built, entry).toContain(`dist/${source}.js`);
      expect(built, entry).toContain(`dist/${source}.d.ts`);
    }
    // `npx chatguru-sync` runs the built CLI.
    expect(built).toContain(pkg.bin["chatguru-sync"]!);
  });

  it("a refused call is recognisable through the exports alone", () => {
    const error = new api.ChatGuruApiError({
      action: "note_add",
      httpStatus: 400,
      description: "Chat não encontrado.",
    });
    expect(api.isChatGuruApiError(error) && api.isSyncError(error)).toBe(true);
    expect(error.code).toBe("CHATGURU_CHAT_NOT_FOUND");
    // What the engine does with it, and the hint its message carries, are internal but unchanged.
    expect(classifyChatGuruError(error)).toMatchObject({ kind: "row", code: "CHATGURU_CHAT_NOT_FOUND" });
    expect(error.message).toContain(hintWords("CHATGURU_CHAT_NOT_FOUND"));
  });
});

describe("README library examples", () => {
  it("shows every file of examples/ exactly as it is type-checked", () => {
    const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
    const examples = readdirSync(path.join(repoRoot, "examples")).filter((name) => name.endsWith(".ts"));
    expect(examples.sort()).toEqual(["client.ts", "errors.ts", "mock.ts", "sync.ts", "validate.ts"]);
    for (const name of examples) {
      const code = readFileSync(path.join(repoRoot, "examples", name), "utf8");
      expect(readme.includes("```ts\n" + code + "```\n"), `README shows examples/${name} as it is`).toBe(true);
    }
  });

  it("npm run typecheck compiles the examples against the package's own names", () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.typecheck).toContain("tsc -p examples/tsconfig.json");
    const config = ts.readConfigFile(path.join(repoRoot, "examples", "tsconfig.json"), ts.sys.readFile).config as {
      compilerOptions: { paths: Record<string, string[]> };
    };
    expect(config.compilerOptions.paths).toEqual({
      "chatguru-sync": ["../src/index.ts"],
      "chatguru-sync/mock": ["../src/mock.ts"],
    });
  });
});
