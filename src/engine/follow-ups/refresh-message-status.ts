import { getMessageStatus } from "../../chatguru/actions.js";
import type { ChatGuruClient } from "../../chatguru/types.js";
import { isRunAbortedError } from "../../errors.js";
import { openStatus } from "../decide/needs-status-refresh.js";
import type { RowState, RowStatePatch, StateStore } from "../../state/state-store.js";

/** Told of every lookup: the status known before and ChatGuru's answer (undefined when it gave none). */
export type StatusChecked = (kind: "message" | "file", before: string | undefined, after: string | undefined) => void;

/** What one refresh learnt, and the first lookup that failed (the caller decides whether it stops the run). */
export interface RefreshOutcome {
  state: RowState;
  error?: unknown;
}

/**
 * The `status` command: asks message_status for the row's message and file sent earlier and journals what
 * ChatGuru says, so the results and the sheet show it. Each part stands alone: a file whose lookup fails keeps its
 * last known status without costing the message the fresh one ChatGuru just gave (and the other way round). Only a
 * run-level stop (credentials refused, too many failures) skips the lookups still to make. `checked` hears every
 * lookup, answered or not (what `status` says of the messages).
 */
export async function refreshMessageStatus(
  { key, prior }: { key: string; prior: RowState },
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
    if (!openStatus(part.id, part.status)) continue;
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
