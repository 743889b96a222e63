/**
 * Every error code of the project, as string-literal unions per domain (`DOMAIN_REASON`): a typo
 * in a code is a compile error, and one meaning has one code. Codes are shown to people (results `error` cell,
 * `--json`, README troubleshooting), so renaming one is a visible change.
 */

/** Bad flags or arguments (exit 2, nothing sent). */
export type UsageErrorCode =
  "USAGE" | "USAGE_FLAG_INVALID" | "USAGE_SHEETS_SPEC" | "USAGE_UNKNOWN_ACTION" | "MOCK_OPTION_INVALID";

/** Connection settings and the files the CLI writes for the user (exit 2). */
export type ConfigErrorCode =
  | "CONFIG_API_URL_INVALID"
  | "CONFIG_CONNECTION_MISSING"
  | "CONFIG_ENV_FILE"
  | "INIT_FILE_EXISTS"
  | "INIT_OUT_UNWRITABLE"
  | "INIT_NO_PHONE_COLUMN";

/** The mapping file: unreadable, invalid against the schema, or naming what the source does not have (exit 2). */
export type MappingErrorCode =
  | "MAPPING_NOT_FOUND"
  | "MAPPING_UNREADABLE"
  | "MAPPING_SYNTAX"
  | "MAPPING_INVALID"
  | "MAPPING_RULES"
  | "MAPPING_UNKNOWN_KEY"
  | "MAPPING_MISSING_KEY"
  | "MAPPING_WRONG_TYPE"
  | "MAPPING_INVALID_VALUE"
  | "MAPPING_DUPLICATE_KEY"
  | "MAPPING_UNKNOWN_COLUMN"
  | "MAPPING_UNKNOWN_COUNTRY"
  | "MAPPING_BAD_TEMPLATE"
  | "MAPPING_BAD_TRANSFORM"
  | "MAPPING_UNKNOWN_TRANSFORM"
  | "MAPPING_DUPLICATE_FIELD"
  | "MAPPING_WRITE_BACK_CONFLICT"
  | "MAPPING_WRITE_BACK_KEY";

/** The source as a whole: file, encoding, delimiter, header, CSV syntax, Sheets tab (exit 2). */
export type SourceErrorCode =
  | "SOURCE_NOT_FOUND"
  | "SOURCE_NOT_A_FILE"
  | "SOURCE_NOT_TEXT"
  | "SOURCE_UNREADABLE"
  | "SOURCE_EMPTY"
  | "SOURCE_ENCODING_UNKNOWN"
  | "SOURCE_DELIMITER_INVALID"
  | "SOURCE_HEADER_EMPTY"
  | "SOURCE_HEADER_DUPLICATE"
  | "SOURCE_HEADER_TITLE"
  | "SOURCE_HEADER_ROW_INVALID"
  | "SOURCE_CSV_PARSE"
  | "SOURCE_SHEETS_TAB"
  | "SOURCE_HEADER_ROW_EMPTY"
  | "SOURCE_NOT_XLSX"
  | "SOURCE_XLS_OLD_FORMAT"
  | "SOURCE_XLSX_ENCRYPTED"
  | "SOURCE_XLSX_UNREADABLE"
  | "SOURCE_SHEET_NOT_FOUND";

/** The results file or tab. */
export type ResultsErrorCode =
  | "RESULTS_DIR_UNWRITABLE"
  | "RESULTS_WRITE_FAILED"
  | "RESULTS_NOT_A_FILE"
  | "RESULTS_IS_SOURCE"
  | "RESULTS_NAME_TOO_LONG";

/** Google Sheets: credentials, access, quota, a tab changed under the run. */
export type SheetsErrorCode =
  | "SHEETS_NO_CREDENTIALS"
  | "SHEETS_CREDENTIALS_FILE"
  | "SHEETS_AUTH"
  | "SHEETS_API_DISABLED"
  | "SHEETS_PERMISSION_DENIED"
  | "SHEETS_NOT_FOUND"
  | "SHEETS_BAD_REQUEST"
  | "SHEETS_REQUEST_FAILED"
  | "SHEETS_UNAVAILABLE"
  | "SHEETS_KEY_COLUMN_GONE";

/** The run journal and its lock. */
export type StateErrorCode =
  | "STATE_UNREADABLE"
  | "STATE_CORRUPT"
  | "STATE_LOST"
  | "STATE_WRITE_FAILED"
  | "STATE_LOCKED"
  | "ACCOUNT_LOCKED"
  | "STATE_PATH_UNUSABLE";

/** What ChatGuru's description says went wrong with one request. */
export type ChatGuruApiErrorCode =
  | "CHATGURU_API_ERROR"
  | "CHATGURU_CHAT_NOT_FOUND"
  | "CHATGURU_FIELD_NOT_CONFIGURED"
  | "CHATGURU_INITIAL_MESSAGE_INVALID"
  | "CHATGURU_DIALOG_CONTEXT_NOT_VALIDATED"
  | "CHATGURU_SERVER_ERROR"
  | "CHATGURU_REDIRECT";

/** Every ChatGuru failure of one call (chatguru/errors.ts). */
export type ChatGuruErrorCode =
  | ChatGuruApiErrorCode
  | "CHATGURU_AUTH"
  | "CHATGURU_RATE_LIMITED"
  | "CHATGURU_NETWORK"
  | "CHATGURU_TIMEOUT"
  | "CHATGURU_BAD_RESPONSE"
  | "CHATGURU_ABORTED"
  | "CHATGURU_PARAM_INVALID";

/** A ChatGuru refusal that fails the row (classifyChatGuruError); CHATGURU_REJECTED = any other refusal. */
export type ChatGuruRowErrorCode =
  | "CHATGURU_CHAT_NOT_FOUND"
  | "CHATGURU_FIELD_NOT_CONFIGURED"
  | "CHATGURU_INITIAL_MESSAGE_INVALID"
  | "CHATGURU_DIALOG_CONTEXT_NOT_VALIDATED"
  | "CHATGURU_REJECTED";

/** Why a row ended `failed` (the engine's RowFailure). */
export type RowFailureCode =
  | ChatGuruErrorCode
  | ChatGuruRowErrorCode
  | "CHATGURU_UNAVAILABLE"
  | "CHAT_ADD_REFUSED"
  | "ADD_UNCERTAIN"
  | "ADD_OUTCOME_UNKNOWN"
  | "OUTCOME_UNKNOWN"
  /** The row's message only: its send date is in the past (its fields, note and name went). */
  | "ROW_SEND_DATE_PAST"
  | MessageErrorCode;

/**
 * Messages, files and dialogs. UNCERTAIN: a send whose outcome nobody knows (killed mid-send, answer
 * lost), never resent on its own (row `failed` until --resolve / --release-held ROW). HELD: not sent because an
 * earlier run may have sent it and its journal is gone while the chat existed (row `pending`, held-actions.ts).
 * CAPPED: not sent because the run reached --max-messages (row `pending`, goes out next run).
 */
export type MessageErrorCode = "MESSAGE_UNCERTAIN" | "MESSAGE_HELD" | "MESSAGE_CAPPED";

/** Why a row ended `invalid` or `duplicate` (a RowProblem value, never thrown). */
export type RowProblemCode =
  | "ROW_PHONE_INVALID"
  | "ROW_VALUE_MISSING"
  | "ROW_VALUE_INVALID"
  | "ROW_DUPLICATE_KEY"
  | "ROW_TOO_MANY_COLUMNS"
  | "ROW_QUOTE_SPANS_LINES"
  | "ROW_SEND_DATE_INVALID"
  | "ROW_SEND_DATE_PAST"
  | "ROW_FILE_URL_INVALID";

/**
 * A setting of the mapping ChatGuru does not know: every row would
 * fail the same way, so the first one stops the run. An unknown custom field keeps CHATGURU_FIELD_NOT_CONFIGURED.
 */
export type ChatGuruConfigErrorCode = "CHATGURU_DIALOG_UNKNOWN" | "CHATGURU_USER_UNKNOWN";

/** The run as a whole. */
export type RunErrorCode = "TOO_MANY_FAILURES" | "INTERRUPTED" | "INTERNAL";

/** The code of any thrown SyncError. */
export type SyncErrorCode =
  | UsageErrorCode
  | ConfigErrorCode
  | MappingErrorCode
  | SourceErrorCode
  | ResultsErrorCode
  | SheetsErrorCode
  | StateErrorCode
  | ChatGuruErrorCode
  | ChatGuruConfigErrorCode
  | RunErrorCode;

/** Any code a person can see: a thrown error's, a failed row's or an invalid row's. */
export type ErrorCode = SyncErrorCode | RowFailureCode | RowProblemCode;
