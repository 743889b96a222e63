import { getMessageStatus } from "../../chatguru/actions.js";
import type { ChatGuruClient } from "../../chatguru/types.js";
import { isRunAbortedError } from "../../errors.js";
import type { RowState, RowStatePatch, StateStore } from "../../state/state-store.js";

/** Statuses after which a message does not change any more (or that have no id to ask about). */
const SETTLED: ReadonlySet<string> = new Set(["sent", "delivered", "read", "failed", "error", "canceled", "cancelled"]);

function open(id: string | undefined, status: string | undefined): id is string {
  return id !== undefined && id !== "" && (status === undefined || !SETTLED.has(status));
}

/** The row has a message or file sent earlier whose status may still move (`scheduled` → `sent`). */
export function needsStatusRefresh(prior: RowState | undefined): boolean {
  return open(prior?.messageId, prior?.messageStatus) || open(prior?.fileId, prior?.fileStatus);
}

/** Told of every lookup: the status known before and ChatGuru's answer (undefined when it gave none). */
export type StatusChecked = (kind: "message" | "file", before: string | undefined, after: string | undefined) => void;

/** What one refresh learnt, and the first lookup that failed (the caller decides whether it stops the run). */
export interface RefreshOutcome {
  state: RowState;
  error?: unknown;
}

/**
 * The `status` command (SPEC §3): asks message_status for the row's message and file sent earlier and journals what
 * ChatGuru says, so the results and the sheet show it. Each part stands alone: a file whose lookup fails keeps its
 * last known status without costing the message the fresh one ChatGuru just gave (and the other way round). Only a
 * run-level stop (credentials refused, too many failures) skips the lookups still to make. `checked` hears every
 * lookup, answered or not (what `status` says of the messages).
 */
export async function refreshMessageStatus(
  key: string,
  prior: RowState,
  client: ChatGuruClient,
  state: StateStore,
  checked?: StatusChecked,
): Promise<RefreshOutcome> {
  const patch: RowStatePatch = {};
  let error: unknown;
  const parts = [
    { id: prior.messageId, status: prior.messageStatus, field: "messageStatus", kind: "message" },
    { id: prior.fileId, status: prior.fileStatus, field: "fileStatus", kind: "file" },
  ] as const;
  for (const part of parts) {
    if (!open(part.id, part.status)) continue;
    try {
      const fresh = (await getMessageStatus(client, part.id)).status;
      checked?.(part.kind, part.status, fresh);
      if (fresh !== undefined && fresh !== part.status) patch[part.field] = fresh;
    } catch (caught) {
      error ??= caught;
      if (isRunAbortedError(caught)) break;
      checked?.(part.kind, part.status, undefined);
    }
  }
  const learnt = Object.keys(patch).length > 0 ? await state.update(key, patch) : prior;
  return error === undefined ? { state: learnt } : { state: learnt, error };
}
