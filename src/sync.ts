import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { createChatGuruClient } from "./chatguru/client.js";
import type { ChatGuruClient } from "./chatguru/types.js";
import type { SyncReport } from "./engine/shared/sync-report.js";
import { runSync } from "./engine/run-sync.js";
import { noticeEvent, warningEvent } from "./engine/shared/events.js";
import { ConfigError } from "./errors.js";
import { text } from "./messages/text.js";
import { loadMapping } from "./mapping/load-mapping.js";
import { normalizeSyncOptions, type NormalizedSyncOptions, type SyncOptions } from "./options.js";
import { createSink, defaultResultsPath } from "./sinks/create-sink.js";
import { priorResults } from "./sinks/prior-results.js";

import { createSource } from "./sources/create-source.js";
import { saveLearners, startLearners, type Learners } from "./engine/learning/learners.js";
import { UpsertStrategy } from "./engine/learning/upsert-strategy.js";
import { readLearnt } from "./state/learnt-file.js";
import { openNdjsonStateStore } from "./state/ndjson-state-store.js";
import { chooseJournal } from "./state/journal-location.js";
import { filesLeftBehind, findLostJournal, lostJournalError } from "./state/journal-lost.js";
import { acquireAccountLock, defaultLockDir } from "./state/account-lock.js";
import type { StateLock } from "./state/state-lock.js";
import { assertStatePathUsable } from "./state/state-path.js";
import type { StateStore } from "./state/state-store.js";
import type { Text } from "./core/text.js";

export type { SyncOptions } from "./options.js";

/**
 * The main job: reads the source, maps rows, syncs them into ChatGuru and writes every row's outcome back.
 * Returns the report `--json` prints; throws ConfigError/UsageError (exit 2) only before anything was sent.
 * Never calls process.exit and never writes to the console: progress comes through `onEvent`.
 */
export async function sync(options: SyncOptions): Promise<SyncReport> {
  return await syncNormalized(normalizeSyncOptions(options));
}

/**
 * sync() over options normalizeSyncOptions() already checked and defaulted: the CLI checks its flags first, with the
 * flags' names in its messages, and the run takes that result as is instead of normalising the options again.
 */
export async function syncNormalized(options: NormalizedSyncOptions): Promise<SyncReport> {
  const { cwd, dryRun } = options;
  const source =
    typeof options.source === "string"
      ? createSource(options.source, {
          ...options,
          cwd,
          onWarning: (message, said) => options.onEvent?.(warningEvent(said ?? message)),
        })
      : options.source;
  const mapping =
    typeof options.mapping === "string" ? await loadMapping(resolve(cwd, options.mapping)) : options.mapping;
  if (!dryRun && !options.connection) {
    throw new ConfigError("CONFIG_CONNECTION_MISSING", text("run.needsConnection"));
  }
  const journal = await chooseJournal({
    state: options.state,
    cwd,
    mappingPath: mapping.path,
    sourceId: source.id,
    connection: options.connection,
    dryRun,
  });
  for (const notice of journal.notices) options.onEvent?.(noticeEvent(notice));
  const statePath = journal.path;
  let state: StateStore | undefined;
  let client: ChatGuruClient | undefined;
  let learners: Learners | undefined;
  let accountLock: StateLock | undefined;
  try {
    // A dry run reads an existing journal for its plan but never creates, locks or writes one.
    if (statePath && !dryRun) await assertStatePathUsable(statePath);
    // Besides the journal's own lock: a copy of the mapping in another folder has another journal (account-lock.ts).
    if (!dryRun && options.connection && options.lockDir !== false) {
      accountLock = await acquireAccountLock(options.connection, {
        dir: options.lockDir ?? defaultLockDir(options.env),
        ...(statePath ? { journal: statePath } : {}),
        onWarning: (message, said) => options.onEvent?.(warningEvent(said ?? message)),
      });
    }
    if (statePath && (!dryRun || existsSync(statePath))) {
      state = await openNdjsonStateStore(statePath, {
        lock: !dryRun,
        mark: true,
        replaceLost: options.newJournal === true,
        detectLost: !dryRun,
        onWarning: (message, said) => options.onEvent?.(warningEvent(said ?? message)),
      });
    } else if (statePath && !options.newJournal) {
      // A dry run plans without opening a missing journal; it still says what the real run would refuse.
      const lost = await findLostJournal(statePath, "none");
      if (lost) throw lostJournalError(lost);
    }
    if (!dryRun) client = options.client ?? createChatGuruClient(options.connection!);
    if (state && statePath && !dryRun) learners = await startLearners(statePath);
    // A dry run estimates from what a real run would start with: the last run's share of new rows (read, never written).
    const carried = state && statePath && dryRun ? (await readLearnt(statePath)).newRows?.value : undefined;
    const results = options.results;
    const warn = (message: string, said?: Text) => options.onEvent?.(warningEvent(said ?? message));
    const resultsPath = results
      ? resolve(cwd, results)
      : source.kind === "sheets"
        ? undefined
        : defaultResultsPath(source, cwd);
    const opened = state;
    return await runSync(options, {
      source,
      mapping,
      ...(client ? { client } : {}),
      ...(state ? { state, statePath } : {}),
      ...(resultsPath
        ? {
            priorResults: priorResults(
              resultsPath,
              () => createSource(resultsPath).open(),
              mapping,
              (key) => opened?.get(key) === undefined,
              warn,
            ),
          }
        : {}),
      // A dry run with no journal yet: would the journal a real run starts be one after a lost journal?
      ...(dryRun && !state && statePath && (await filesLeftBehind(statePath)).length > 0 ? { lostJournal: true } : {}),
      ...(learners
        ? { addTimings: learners.addTimings, upsert: learners.upsert, credentials: learners.credentials }
        : {}),
      ...(carried ? { upsert: new UpsertStrategy("learn", carried) } : {}),
      createSink: (opened) => createSink({ source, opened, mapping, cwd, dryRun, ...(results ? { results } : {}) }),
    });
  } finally {
    if (client && client !== options.client) client.close();
    if (statePath && learners) {
      await saveLearners(statePath, learners, (message) => options.onEvent?.(warningEvent(message)));
    }
    try {
      await state?.close();
    } finally {
      await accountLock?.release();
    }
  }
}
