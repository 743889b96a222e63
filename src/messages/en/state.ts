import type { Entry } from "../catalog.js";

/** What kind of file-system entry stands where a file should be (util/output-path.ts). */
export type EntryKind = "folder" | "device" | "fifo" | "socket" | "other";

const ENTRY: Record<EntryKind, string> = {
  folder: "a folder",
  device: "a device",
  fifo: "a pipe (fifo)",
  socket: "a socket",
  other: "not a regular file",
};

/** The run journal (state file) and its lock. */
export const stateEn = {
  "path.entry": (p: { entry: EntryKind }) => ENTRY[p.entry],
  "state.corrupt": (p: { file: string; line: number; what: string; name: string }) =>
    `state file ${p.file} is damaged at line ${p.line}: ${p.what}. Nothing was changed. To start with a fresh ` +
    `state, move the file away (e.g. rename it to ${p.name}.bad) and run again with ` +
    `--new-journal; every row will then be treated as never synced (notes may be added again).`,
  "state.corrupt.notJson": "this line is not valid JSON",
  "state.corrupt.notObject": "this line is not a JSON object",
  "state.corrupt.noHeader": "the first line is not a chatguru-sync state header",
  "state.corrupt.version": (p: { found: string; expected: number }) =>
    `the header declares format version ${p.found}, this chatguru-sync reads version ` +
    `${p.expected} (was it written by a newer release?)`,
  "state.corrupt.noKey": 'this record has no row key ("k")',
  "state.corrupt.notState": "this is not a chatguru-sync state file (no header line)",
  "state.cutShort": (p: { file: string; size: number; cleanSize: number }) =>
    `state file ${p.file} is damaged: it is ${p.size} bytes but was ${p.cleanSize} bytes when a run last closed ` +
    `it, so records are missing (the file was cut short or replaced by an older copy). Nothing was sent. Restore ` +
    `the full file if you can. Otherwise move it away and run again with --new-journal: a new journal is started, ` +
    `notes may be added again, and dialogs and messages for chats that already exist are HELD (release them with ` +
    `--release-held once you have checked them).`,
  "state.unreadable": (p: { file: string; reason: string }) =>
    `Cannot read the state file ${p.file} (${p.reason}). Point --state at a file path you can write.`,
  "state.unusable": (p: { file: string; why: string }) =>
    `Cannot keep the state file ${p.file}: ${p.why}. Pass --state with a file in a folder you can write, or fix that folder.`,
  "state.unusable.nameTooLong": "the file name is too long for the file system",
  "state.unusable.notAFile": (p: { what: string }) => `it is ${p.what}, not a regular file`,
  "state.unusable.fileInTheWay": (p: { dir: string }) => `a file is in the way of its folder ${p.dir}`,
  "state.unusable.cannotCreate": (p: { dir: string; code: string | undefined }) =>
    `its folder ${p.dir} cannot be created (${p.code ?? "unknown error"})`,
  "state.unusable.notWritable": (p: { dir: string }) => `its folder ${p.dir} is not writable`,
  "state.adopted": (p: { from: string; to: string }) =>
    `continuing the journal of earlier runs: moved ${p.from} to ${p.to} (journals now live beside the mapping)`,
  "state.noJournalYet": (p: { mapping: string }) => `no journal beside ${p.mapping} yet: every row is planned as new`,
  "state.manyJournals": (p: { count: number; mapping: string }) =>
    `${p.count} journals beside ${p.mapping} (one per ChatGuru account/phone): set CHATGURU_ACCOUNT_ID and ` +
    `CHATGURU_PHONE_ID to plan against the right one; planning every row as new`,
  "state.replacedLost": (p: { file: string; how: string }) =>
    `state file ${p.file}: ${p.how}; started a new journal in its place (--new-journal). Dialogs, messages and files ` +
    `for chats that already exist are held until you check them and release them (--release-held).`,
  "state.lostStarted": (p: { file: string; left: readonly string[] }) =>
    `state file ${p.file}: missing but ${p.left.join(", ")} beside it ${p.left.length === 1 ? "is" : "are"} still there: ` +
    `the journal was lost, a new one is started. Dialogs, messages and files for chats that already exist are held ` +
    `until you check them and release them (--release-held).`,
  "state.lost": (p: { file: string; how: "empty" | "missing" | "torn"; names: readonly string[] }) => {
    const names = p.names.join(" and ");
    const show = p.names.length === 1 ? "shows" : "show";
    const what =
      p.how === "empty"
        ? `state file ${p.file} is empty, so the record of what earlier runs sent is gone`
        : p.how === "missing"
          ? `state file ${p.file} is missing, but ${names} beside it ${show} that earlier runs kept a journal there`
          : `state file ${p.file} holds only the start of its first line, but ${names} beside it ${show} that earlier runs kept a journal there`;
    return (
      `${what}. Nothing was sent: starting over would add every note again and could repeat dialogs and messages. ` +
      `Restore the file from a backup if you can (a cache, a copy, version control). Otherwise run again with ` +
      `--new-journal to start a new journal: notes may then be added again, and dialogs and messages to chats that ` +
      `already exist are held until you check them and run with --release-held.`
    );
  },
  "lock.account": (p: {
    lock: string;
    pid: number;
    host: string | undefined;
    startedAt: string;
    journal: string | undefined;
  }) =>
    `another chatguru-sync run (pid ${p.pid}${p.host !== undefined ? ` on host ${p.host}` : ""}, started ${p.startedAt}${p.journal ? ` with the journal ${p.journal}` : ""}) is syncing to this ` +
    `ChatGuru account and phone. Runs for one account and phone take turns (two copies of a mapping would add ` +
    `the same chats and notes twice, and ChatGuru's rate limit is per account): wait for it to finish and run ` +
    `again. Nothing was sent. If no such run is going on, delete ${p.lock}`,
  "state.incompleteLine": (p: { file: string }) =>
    `state file ${p.file}: ignored an incomplete last line (the previous run was killed mid-write)`,
  "state.snapshotNotSaved": (p: { file: string; message: string }) =>
    `state file ${p.file}: could not save its snapshot (${p.message}); the next run reads the whole file`,
  "state.writeFailed": (p: { file: string; message: string }) =>
    `could not write the state file ${p.file}: ${p.message}. The run stopped so that no request goes out ` +
    `without being recorded; fix the cause (disk full? permissions?) and re-run`,
  "state.compactFailed": (p: { file: string; message: string }) =>
    `state file ${p.file}: could not compact (${p.message}); still appending`,
  "lock.takenOver": (p: { lock: string; pid: number; startedAt: string }) =>
    `state lock ${p.lock}: took over from pid ${p.pid} (started ${p.startedAt}), which is no longer running`,
  "lock.unreadable": (p: { lock: string }) =>
    `the state lock ${p.lock} exists but is unreadable; another chatguru-sync run may be starting. ` +
    `Wait for it or, if none is running, delete ${p.lock}`,
  "lock.removedGarbage": (p: { lock: string }) =>
    `state lock ${p.lock}: removed an unreadable lock file older than a minute`,
  "lock.keepsChanging": (p: { lock: string }) => `could not take the state lock ${p.lock}: it keeps changing hands`,
  "lock.held": (p: { lock: string; pid: number; host: string | undefined; startedAt: string }) =>
    `another chatguru-sync run (pid ${p.pid}${p.host !== undefined ? ` on host ${p.host}` : ""}, started ${p.startedAt}) is using this state; ` +
    `wait for it or, if it is gone, delete ${p.lock}`,
} satisfies Record<string, Entry>;
