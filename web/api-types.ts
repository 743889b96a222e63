// The JSON the pages receive from the local server, as docs/ui-api.md describes it. Optional where the contract is
// still moving, so a field the server does not send yet shows as "—" instead of breaking a page.
import type { Text } from "../src/messages/index.js";

export interface ApiProblem {
  code?: string;
  message: string;
  fix?: string;
  field?: string;
  column?: string;
  line?: number;
}

export interface ApiErrorBody {
  code: string;
  message: string;
  detail?: string;
  fix?: string;
  hint?: string;
  problems?: ApiProblem[];
  field?: string;
  /** A title row above the table: the row the column names seem to be on. */
  suggestedHeaderRow?: number;
}

export type SettingFrom = "env" | ".env" | "none";

export interface Connection {
  apiUrl: string | null;
  accountId: string | null;
  phoneId: string | null;
  /** "••••1a2b" when a key is saved; the key itself never reaches the page. */
  keyHint: string | null;
  complete?: boolean;
  from: { apiUrl: SettingFrom; key: SettingFrom; accountId: SettingFrom; phoneId: SettingFrom } | SettingFrom;
  warnings?: string[];
}

export interface ConnectionInput {
  apiUrl: string;
  key?: string;
  accountId: string;
  phoneId: string;
}

export type ConnectionProblem = "missing" | "key" | "url" | "account" | "phone" | "network";

export interface ConnectionCheck {
  ok: boolean;
  problem?: ConnectionProblem;
  message: string;
  detail?: string;
}

export interface AppInfo {
  version?: string;
  folder?: string;
  uploadLimitBytes?: number;
  runs?: { active: string[] };
  defaults?: { rate?: number; concurrency?: number };
}

export interface SourceRead {
  encoding?: string | null;
  delimiter?: string | null;
  headerRow?: number | null;
  sheet?: string | null;
  sheets?: string[];
  chosen?: { encoding?: string; delimiter?: string; headerRow?: number; sheet?: string };
  description?: string;
}

export interface SourceRow {
  rowNumber: number;
  values: Record<string, string>;
}

export interface ColumnStats {
  name: string;
  filled: number;
  empty: number;
  phones?: { valid: number; invalid: number };
  samples: string[];
}

export interface Source {
  id: string;
  name: string;
  kind: "csv" | "xlsx" | "sheets";
  createdAt?: string;
  size?: number;
  url?: string;
  read: SourceRead;
  header: string[];
  rowCount: number;
  sample?: SourceRow[];
  columns?: ColumnStats[];
  mapping?: { path: string; saved: boolean };
  error?: ApiErrorBody;
}

export interface RowsPage<T> {
  total: number;
  rows: T[];
}

/** The mapping file's JSON, edited by the column page and kept whole otherwise (keys it does not know survive). */
export type MappingFile = Record<string, unknown>;

export interface MappingState {
  mapping: MappingFile;
  saved?: boolean;
  path: string;
  command?: string;
  suggestions?: string[];
  problems?: ApiProblem[];
}

export interface RenderedRow {
  rowNumber: number;
  text: string;
}

export interface PlanProblem {
  row: number;
  column?: string;
  code: string;
  /** English, as the library says it; `text` is the same problem for the catalog. */
  message: string;
  text?: Text;
  fix?: string;
}

export interface PlanRequest {
  action: string;
  params: Record<string, string>;
}

export interface PlanRow {
  row: number;
  status?: string;
  number?: string;
  name?: string;
  fields?: Record<string, string>;
  note?: string;
  requests: PlanRequest[];
}

export interface PlanMessage {
  row: number;
  number?: string;
  kind?: "message" | "file";
  text: string;
  sendDate?: string;
}

export interface Plan {
  counts: {
    total: number;
    valid?: number;
    new: number;
    changed: number;
    unchanged: number;
    invalid: number;
    duplicate: number;
    retry?: number;
  };
  problems: PlanProblem[];
  problemCount?: number;
  cost: { requests: number; seconds?: number | null; rate?: number; concurrency?: number };
  firstRows: PlanRow[];
  messages: null | {
    count: number;
    overCap?: number;
    first: PlanMessage[];
    held: { count: number; why: string } | null;
  };
  needsConsent: boolean;
  readAs?: string;
  notices?: string[];
  files?: { plan?: boolean };
}

export type RunState = "running" | "stopping" | "finished" | "stopped" | "interrupted" | "failed";

export interface RunCounts {
  total?: number;
  done?: number;
  created?: number;
  updated?: number;
  unchanged?: number;
  pending?: number;
  invalid?: number;
  duplicate?: number;
  failed?: number;
}

export interface RunProblem {
  row?: number;
  outcome?: string;
  code?: string;
  message: string;
  text?: Text;
  fix?: string;
}

export interface Run {
  id: string;
  state: RunState;
  startedAt: string;
  endedAt?: string;
  source: { id?: string; name: string; kind?: string };
  mapping?: string;
  options?: { retryFailed?: boolean; releaseHeld?: boolean; rate?: number; concurrency?: number };
  total?: number | null;
  counts: RunCounts;
  requests?: number;
  /** Rows per second over the last seconds. */
  rate?: number;
  etaSeconds?: number | null;
  lastProblems?: RunProblem[];
  notices?: string[];
  messages?: { sent?: number; deferred?: number; heldRows?: number; maxMessages?: number };
  exitCode?: number;
  error?: ApiErrorBody;
  files?: { results?: boolean; errors?: boolean; plan?: boolean; report?: boolean };
  resumedFrom?: string;
  continuedBy?: string;
  canContinue?: boolean;
}

export interface ResultRow {
  rowNumber: number;
  status?: string;
  phone?: string;
  name?: string;
  code?: string;
  error?: string;
  values?: Record<string, string>;
}
