export { SyncError, UsageError, ConfigError, AbortError, InterruptedError, InternalError, ExitCode } from "./errors.js";
export type { ChatGuruConnection, ChatGuruClient, ChatGuruResponse, ChatGuruAction } from "./chatguru/types.js";
export type { Source, SourceRow, OpenedSource } from "./sources/source.js";
export type { Sink, RowResult, Outcome, WriteBackColumns } from "./sinks/sink.js";
export type { ContactDraft, RowProblem, MappedRow } from "./mapping/contact.js";
export type { StateStore, RowState } from "./engine/state-store.js";
export { runCli } from "./cli/main.js";
