// The public API: what a TypeScript user imports to sync, validate, call ChatGuru and react to errors and events.
// The CLI is a thin layer over these. Everything else is internal and may change; test/unit/public-api.test.ts pins
// the list so that adding a name is a decision. The mock server has its own entry, `chatguru-sync/mock` (src/mock.ts).

// Run a sync, or check a source against a mapping without sending anything.
export { sync } from "./sync.js";
export type { SyncOptions } from "./sync.js";
export { validate } from "./validate.js";
export type { ValidateOptions, ValidateReport, ValidateEvent } from "./validate.js";
// validate() takes a Source; createSource() builds one from a path, `-` (stdin), a Sheets URL or `sheets:ID`.
export { createSource } from "./sources/create-source.js";
export type { SourceOptions } from "./sources/create-source.js";
export type { Source } from "./sources/source.js";
// Load (and check) a mapping once, to pass the same one to several runs.
export { loadMapping } from "./mapping/load-mapping.js";
export type { LoadedMapping } from "./mapping/load-mapping.js";
export type { Language } from "./messages/language.js";

// What a run tells its caller while it runs and when it ends.
export type { SyncEvent, SyncEventListener } from "./engine/shared/events.js";
export type { SyncReport } from "./engine/shared/sync-report.js";
export type { Outcome } from "./core/outcome.js";
export type { RowProblem } from "./core/row-problem.js";

// ChatGuru's API: one attempt per call, and the typed actions by name.
export { createChatGuruClient } from "./chatguru/client.js";
export type { ChatGuruClientOptions } from "./chatguru/client.js";
export type { ChatGuruConnection, ChatGuruClient, ChatGuruResponse, ChatGuruAction } from "./chatguru/types.js";
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

// Failures: every class has a literal `name`, a typed `code` (see ErrorCode) and an `is…` guard.
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
export type { ErrorCode } from "./core/error-codes.js";

// Kept here as well as in `chatguru-sync/mock` because the library's documented import names it beside sync().
export { startMockServer } from "./chatguru/mock/mock-server.js";
