// Public API (SPEC §8). The CLI is a thin layer over these.
export { sync } from "./sync.js";
export type { SyncOptions } from "./sync.js";
export { validate } from "./validate.js";
export type { ValidateOptions, ValidateReport } from "./validate.js";
export { createChatGuruClient } from "./chatguru/client.js";
export * as actions from "./chatguru/actions.js";
export { classifyChatGuruError } from "./chatguru/errors.js";
export type { ChatGuruErrorClass } from "./chatguru/errors.js";
export { toFieldApiName } from "./chatguru/field-names.js";
export { startMockServer, MOCK_CREDENTIALS } from "./chatguru/mock/mock-server.js";
export type { MockServer, MockServerOptions, MockState } from "./chatguru/mock/mock-server.js";
export { loadMapping } from "./mapping/load-mapping.js";
export type { LoadedMapping } from "./mapping/load-mapping.js";
export { normalizePhone } from "./mapping/phone.js";
export { createSource } from "./sources/create-source.js";
export { createCsvSource } from "./sources/csv-source.js";
export { createSheetsSource } from "./sources/sheets-source.js";
export { createSheetsGateway } from "./sheets/sheets-gateway.js";
export { parseSheetsSpec } from "./sheets/sheets-spec.js";
export { createCsvSink } from "./sinks/csv-sink.js";
export { createSheetsSink } from "./sinks/sheets-sink.js";
export type { SourceOptions } from "./sources/create-source.js";
export { runCli } from "./cli/main.js";
export {
  SyncError,
  UsageError,
  ConfigError,
  AbortError,
  InterruptedError,
  InternalError,
  ExitCode,
  isSyncError,
} from "./errors.js";
export type { ChatGuruConnection, ChatGuruClient, ChatGuruResponse, ChatGuruAction } from "./chatguru/types.js";
export type { Source, OpenedSource } from "./sources/source.js";
export type { SourceRow } from "./core/source-row.js";
export type { Sink } from "./sinks/sink.js";
export type { RowResult, WriteBackColumns } from "./core/row-result.js";
export type { Outcome } from "./core/outcome.js";
export type { ContactDraft, MappedRow } from "./mapping/contact.js";
export type { RowProblem } from "./core/row-problem.js";
export type { StateStore, RowState } from "./state/state-store.js";
export type { SyncEvent, SyncEventListener } from "./engine/events.js";
export type { SyncReport, OutcomeCounts, RequestCounts, PlanCounts } from "./engine/report.js";
