import type { ChatGuruConnection } from "../../chatguru/types.js";
import type { MessagePlanSummary } from "../../engine/shared/sync-report.js";
import type { PlannedRow } from "../../engine/shared/sync-report.js";
import type { LoadedMapping } from "../../mapping/load-mapping.js";
import type { Source } from "../../sources/source.js";
import { sync, type SyncOptions } from "../../sync.js";
import { validate } from "../../validate.js";
import type { ApiProblem } from "../http/http-error.js";
import { fixFor, ui } from "../ui-language.js";
import { reachesPeople, requestsOf, type ShownRequest } from "./first-requests.js";

export interface PlanView {
  counts: {
    total: number;
    valid: number;
    invalid: number;
    duplicate: number;
    new: number;
    changed: number;
    unchanged: number;
    retry: number;
  };
  problems: ApiProblem[];
  problemCount: number;
  cost: { requests: number; seconds?: number; rate?: number; concurrency: number };
  firstRows: Array<PlannedRow & { requests: ShownRequest[] }>;
  messages: {
    count: number;
    overCap: number;
    first: Array<{ row: number; number: string; kind: string; text: string; sendDate?: string }>;
    held: { count: number; why: string } | null;
  } | null;
  needsConsent: boolean;
  readAs?: string;
  notices: string[];
  files: { plan: boolean };
  /** Where the plan file was written (server side only: the route serves it). */
  planFile?: string;
}

export interface PlanRequest {
  /** Opens the source afresh: validate and the dry run each read it once. */
  source: () => Source;
  mapping: LoadedMapping;
  connection?: ChatGuruConnection;
  /** A results path beside which a sheet's dry run writes its plan (a file source's plan goes beside the file). */
  resultsPath: string;
  cwd: string;
  env: Record<string, string | undefined>;
  run: Partial<SyncOptions>;
}

/**
 * The Revisão page's plan: `validate` for the problems by row (with their column and code) and `sync --dry-run` for
 * what a real run would do from the journal — new, changed, unchanged, cost, the first rows as they will be sent and
 * the messages that would go out. Sends nothing, writes only the dry run's plan file.
 */
export async function planSource(request: PlanRequest): Promise<PlanView> {
  const checked = await validate({ source: request.source(), mappingPath: request.mapping });
  const notices: string[] = [];
  let messages: MessagePlanSummary | undefined;
  const report = await sync({
    ...request.run,
    source: request.source(),
    mapping: request.mapping,
    dryRun: true,
    ...(request.connection ? { connection: request.connection } : {}),
    results: request.resultsPath,
    cwd: request.cwd,
    env: request.env,
    onEvent: (event) => {
      if (event.type === "notice" || event.type === "warning") notices.push(ui.say(event.text ?? event.message));
      if (event.type === "messages-plan") messages = event.plan;
    },
  });
  const plan = report.plan!;
  const mode = request.run.mode ?? request.mapping.mode;
  const firstValues = await valuesOf(
    request.source(),
    (plan.preview ?? []).map((row) => row.row),
  );
  return {
    counts: { ...checked.counts, new: plan.new, changed: plan.changed, unchanged: plan.unchanged, retry: plan.retry },
    problems: checked.problems.map((p) => {
      const fix = fixFor(p.code);
      return {
        row: p.row,
        code: p.code,
        message: p.message,
        ...(p.text ? { text: p.text } : {}),
        ...(p.column ? { column: p.column } : {}),
        ...(fix ? { fix } : {}),
      };
    }),
    problemCount: checked.problemCount,
    cost: plan.estimate ?? { requests: 0, concurrency: 0 },
    firstRows: (plan.preview ?? []).map((row) => ({
      ...row,
      requests: requestsOf(row, request.mapping, mode, firstValues.get(row.row)),
    })),
    messages: messages ? messagesView(messages) : null,
    needsConsent: reachesPeople(request.mapping),
    ...(checked.readAs !== undefined ? { readAs: checked.readAs } : {}),
    notices,
    files: { plan: report.results !== undefined },
    ...(report.results !== undefined ? { planFile: report.results } : {}),
  };
}

function messagesView(summary: MessagePlanSummary): NonNullable<PlanView["messages"]> {
  return {
    count: summary.wouldSend,
    overCap: summary.overCap,
    first: summary.samples.map((m) => ({
      row: m.rowNumber,
      number: m.chatNumber,
      kind: m.kind,
      text: m.text,
      ...(m.sendDate ? { sendDate: m.sendDate } : {}),
    })),
    held: summary.mayBeHeld > 0 ? { count: summary.mayBeHeld, why: ui.t("ui.server.plan.heldWhy") } : null,
  };
}

/** The cells of a few rows by number (the preview's), read from the start and no further than the last one. */
async function valuesOf(source: Source, rowNumbers: number[]): Promise<Map<number, Record<string, string>>> {
  const wanted = new Set(rowNumbers);
  const found = new Map<number, Record<string, string>>();
  if (wanted.size === 0) return found;
  const opened = await source.open();
  try {
    for await (const row of opened.rows) {
      if (wanted.has(row.rowNumber)) found.set(row.rowNumber, row.values);
      if (found.size === wanted.size) break;
    }
  } finally {
    await opened.close();
  }
  return found;
}
