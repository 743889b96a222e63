import type { Entry } from "../catalog.js";

const times = (n: number) => (n === 2 ? "twice" : `${n} times`);
const andList = (items: readonly string[]) => `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

/** The CLI's own words: errors about the command line, init, call, mock-server, a second Ctrl-C. */
export const cliEn = {
  "cli.usageFailure": (p: { message: string }) => `error: ${p.message}\nRun "chatguru-sync --help" for usage.`,
  "cli.invalidUsage": "Invalid usage.",
  "cli.internalError": (p: { text: string }) => `internal error (please report): ${p.text}`,
  "cli.langInvalid": (p: { value: string }) => `--lang must be en or pt-BR, got "${p.value}".`,
  "cli.nameCommand": "Name a command: sync, validate, status, call, mock-server, init, ui.",
  "cli.givenTwice": (p: { flag: string; values: readonly string[] }) =>
    `--${p.flag} was given ${times(p.values.length)}: ${andList(p.values)}. Give it once.`,
  "cli.flagNoValue": (p: { flag: string }) =>
    `--${p.flag} was given without a value: write it right after the flag${p.flag === "delimiter" ? ` in quotes (--delimiter ";"): the shell cuts an unquoted ;` : ""}.`,
  "cli.rowsGivenTwice": (p: { flag: string; times: number }) =>
    `--${p.flag} was given ${p.times} times: give it once, with every row (--${p.flag} 5,12,20-25).`,
  "cli.rowsInvalid": (p: { flag: string; value: string }) =>
    `--${p.flag} takes spreadsheet row numbers such as 5,12,20-25 (or nothing, for every row), got "${p.value}".`,
  "cli.numberFlagNoValue": (p: { flag: string }) =>
    `--${p.flag} was given without a value: write a number right after it.`,
  "cli.stopped": "mock-server stopped",
  "cli.logUnwritable": (p: { file: string; reason: string }) =>
    `could not add this run's line to the log file ${p.file} (${p.reason})`,
  "cli.plainHttp": (p: { host: string }) =>
    `CHATGURU_API_URL is plain http:// on ${p.host}: the API key travels unencrypted with every request; ` +
    "use the https:// address of your ChatGuru account.",
  "cli.envFile": (p: { file: string; message: string }) => `Could not read ${p.file}: ${p.message}`,
  "cli.connectionMissing": (p: { settings: readonly string[] }) =>
    `Missing ChatGuru connection setting${p.settings.length > 1 ? "s" : ""}: ${p.settings.join(", ")}`,
  "cli.connectionSetting": (p: { variable: string; flag: string }) => `${p.variable} (or ${p.flag})`,
  "cli.apiUrlInvalid": (p: { url: string }) =>
    `CHATGURU_API_URL is not a URL: "${p.url}". Expected e.g. https://s15.chatguru.app/api/v1`,
  "cli.apiUrlProtocol": (p: { protocol: string }) => `CHATGURU_API_URL must be http(s), got "${p.protocol}".`,
  "init.exists": (p: { file: string }) => `${p.file} already exists; use --force to overwrite it.`,
  "init.unwritable": (p: { file: string }) =>
    `Cannot write ${p.file}: its folder does not exist or is not writable. Create the folder or pass another --out.`,
  "init.noPhoneColumn": (p: { source: string; columns: readonly string[] }) =>
    `No column of ${p.source} looks like a WhatsApp number (columns: ${p.columns.map((h) => `"${h}"`).join(", ")}). ` +
    `Is the header on another row? Otherwise write the mapping by hand: see mapping.example.json.`,
  "init.wrote": (p: { file: string; phone: string; byValues: boolean; name: string | undefined }) =>
    `Wrote ${p.file}: phone ← "${p.phone}"${p.byValues ? " (its cells look like phone numbers)" : ""}` +
    `${p.name !== undefined ? `, name ← "${p.name}"` : ", no name column found (chats get the number as name)"}.`,
  "init.suggestions": (p: { columns: readonly string[] }) =>
    `${p.columns.length === 1 ? "1 other column is listed as a suggested custom field" : `${p.columns.length} other columns are listed as suggested custom fields`}, commented out: ` +
    p.columns.map((s) => `"${s}"`).join(", ") +
    ".",
  "init.enableOne":
    "  Enable one only if ChatGuru has a custom field with that exact name; an unknown field stops the sync.",
  "init.next": (p: { command: string }) => `Next: ${p.command}`,
  "init.comment.mode": "create | update | upsert",
  "init.comment.empty": 'skip: empty cells are not sent | clear: sent as ""',
  "init.comment.suggestions":
    "Suggestions: remove the // of a line only when ChatGuru has a custom field with exactly that name",
  "init.comment.suggestionsHow":
    "(left: the field's name in ChatGuru; right: the column). A field ChatGuru does not know stops the run.",
  "call.paramInvalid": (p: { text: string }) => `--param expects key=value, got "${p.text}".`,
  "call.notAnAction": (p: { action: string; list: string }) =>
    `"${p.action}" is not an action name (letters, digits and _ only). Documented actions (required params):\n${p.list}`,
  "call.undocumented": (p: { action: string }) =>
    `"${p.action}" is not one of the documented actions; sending it as is ("chatguru-sync call --help" lists them).`,
  "mock.listening": (p: { url: string }) => `listening on ${p.url}`,
  "mock.credentials": (p: { key: string; accountId: string; phoneId: string }) =>
    `credentials (fake): key=${p.key} account_id=${p.accountId} phone_id=${p.phoneId}`,
  "mock.state": (p: { port: number }) => `state: GET http://127.0.0.1:${p.port}/__mock/state — stop with Ctrl-C`,
  "mock.existingInvalid": (p: { value: string }) =>
    `Expected --existing to list numbers of digits only (e.g. 5511987654321), got "${p.value}".`,
  "mock.rule.port": "a whole number from 0 to 65535",
  "mock.rule.ms": "milliseconds from 0 up",
  "mock.rule.probability": "a probability from 0 to 1",
  "mock.rule.rateLimit": "a whole number from 0 (no limit) up",
  "mock.rule.seed": "a whole number",
  "mock.rule.share": "a share from 0 to 1",
  "mock.areasInvalid": (p: { value: string }) =>
    `Expected --twelve-digit-areas to list two-digit area codes or ranges (e.g. 47,48 or 31-99), got "${p.value}".`,
  "forced.stopped": "second Ctrl-C: stopped at once, without waiting for requests in flight.",
  "forced.none": "No row was in flight.",
  "forced.rows": (p: { rows: readonly number[]; more: number }) =>
    `May have been in flight: ${p.rows.length + p.more === 1 ? "row" : "rows"} ${p.rows.join(", ")}${p.more > 0 ? ` and ${p.more} more` : ""} (ChatGuru may or may not have received their last request).`,
  "forced.results":
    "The results file was not rewritten by this run; the journal holds every row that finished and every add that was sent.",
  "forced.again": "Run the same command again: it checks those rows and never adds a chat twice.",
  "demo.start": (p: { url: string; existing: number; addSeconds: string; source: string; mapping: string }) =>
    `Mock ChatGuru on ${p.url} (${p.existing} chats already exist; chat_add takes ~${p.addSeconds} s)\n` +
    `Syncing ${p.source} with ${p.mapping}…`,
  "demo.end": (p: { chats: number; requests: number; byAction: string }) =>
    `The mock now holds ${p.chats} chats and received ${p.requests} requests (${p.byAction}).\n` +
    "Open the results file above in Excel or LibreOffice: one row per contact with its chatguru_status.",
  "demo.exitRowProblems": (p: { code: number }) =>
    `Exit code ${p.code}: some rows are invalid/duplicate/failed on purpose — the fixture shows every outcome.`,
  "demo.exitOther": (p: { code: number }) => `Exit code ${p.code}: see README → Exit codes.`,
} satisfies Record<string, Entry>;
