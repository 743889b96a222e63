// Public API (SPEC §8). The CLI is a thin layer over these.
export { sync } from "./sync.js";
export type { SyncOptions } from "./sync.js";
export { validate } from "./validate.js";
export type { ValidateOptions, ValidateReport } from "./validate.js";
export { createChatGuruClient } from "./chatguru/client.js";
export type { ChatGuruClientOptions } from "./chatguru/client.js";
// The typed actions, by name (the CLI's action table and parameter helpers stay internal).
export {
  chatAdd,
  getChatAddStatus,
  updateCustomFields,
  addNote,
  executeDialog,
  sendMessage,
  getMessageStatus,
  sendFile,
  updateChatName,
  updateChatContext,
} from "./chatguru/actions.js";
export type {
  ChatAddInput,
  ChatAddResult,
  ChatAddStatusResult,
  SendMessageInput,
  SendFileInput,
} from "./chatguru/actions.js";
// Everything needed to handle a failed `createChatGuruClient().call` or action.
export {
  ChatGuruError,
  ChatGuruApiError,
  ChatGuruAuthError,
  ChatGuruRedirectError,
  ChatGuruRateLimitError,
  ChatGuruNetworkError,
  ChatGuruTimeoutError,
  ChatGuruBadResponseError,
  ChatGuruAbortedError,
  ChatGuruParamError,
  isChatGuruError,
  isChatGuruApiError,
  isChatGuruAuthError,
  isChatGuruRedirectError,
  isChatGuruRateLimitError,
  isChatGuruNetworkError,
  isChatGuruTimeoutError,
  isChatGuruBadResponseError,
  isChatGuruAbortedError,
  isChatGuruParamError,
} from "./chatguru/errors.js";
export type { ChatGuruErrorDetails } from "./chatguru/errors.js";
export { classifyChatGuruError, isSendRequest } from "./chatguru/classify-error.js";
export type { ChatGuruErrorClass, ClassifyContext } from "./chatguru/classify-error.js";
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
export {
  SyncError,
  UsageError,
  ConfigError,
  RunAbortedError,
  InterruptedError,
  InternalError,
  isSyncError,
  isUsageError,
  isConfigError,
  isRunAbortedError,
  isInterruptedError,
  isInternalError,
} from "./errors.js";
export type { SyncErrorOptions } from "./errors.js";
export type {
  ErrorCode,
  SyncErrorCode,
  UsageErrorCode,
  ConfigErrorCode,
  MappingErrorCode,
  SourceErrorCode,
  ResultsErrorCode,
  SheetsErrorCode,
  StateErrorCode,
  ChatGuruErrorCode,
  ChatGuruApiErrorCode,
  ChatGuruRowErrorCode,
  RowFailureCode,
  RowProblemCode,
  RunErrorCode,
} from "./core/error-codes.js";
export { ERROR_HINTS, hintWords as hintFor } from "./messages/hint.js";
export { formatProblem } from "./messages/problem.js";
export {
  en as messagesEn,
  ptBR as messagesPtBR,
  LANGUAGES,
  languageFromLocale,
  parseLanguage,
  say,
  text,
  type Language,
  type MessageKey,
  type Text,
} from "./messages/index.js";
export { ExitCode } from "./core/exit-code.js";
export type { ExitCodeValue } from "./core/exit-code.js";
export type { ChatGuruConnection, ChatGuruClient, ChatGuruResponse, ChatGuruAction } from "./chatguru/types.js";
export type { Source, OpenedSource } from "./sources/source.js";
export type { SourceRow } from "./core/source-row.js";
export type { Sink } from "./sinks/sink.js";
export type { RowResult, WriteBackColumns } from "./core/row-result.js";
export type { Outcome } from "./core/outcome.js";
export type { ContactDraft, MappedRow } from "./mapping/contact.js";
export type { RowProblem } from "./core/row-problem.js";
export type { StateStore, RowState } from "./state/state-store.js";
export type { SyncEvent, SyncEventListener } from "./engine/shared/events.js";
export type { SyncReport, OutcomeCounts, RequestCounts, PlanCounts } from "./engine/shared/sync-report.js";
