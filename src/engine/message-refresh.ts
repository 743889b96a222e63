import { getMessageStatus } from "../chatguru/actions.js";
import type { ChatGuruClient } from "../chatguru/types.js";
import type { RowState, RowStatePatch, StateStore } from "../state/state-store.js";

/** Statuses after which a message does not change any more (or that have no id to ask about). */
const SETTLED: ReadonlySet<string> = new Set(["sent", "delivered", "read", "failed", "error", "canceled", "cancelled"]);

function open(id: string | undefined, status: string | undefined): id is string {
  return id !== undefined && id !== "" && (status === undefined || !SETTLED.has(status));
}

/** The row has a message or file sent earlier whose status may still move (`scheduled` → `sent`). */
export function needsStatusRefresh(prior: RowState | undefined): boolean {
  return open(prior?.messageId, prior?.messageStatus) || open(prior?.fileId, prior?.fileStatus);
}

/**
 * The `status` command (SPEC §3): asks message_status for the row's message and file sent earlier and journals what
 * ChatGuru says, so the results and the sheet show it. A failed lookup keeps the last known status.
 */
export async function refreshMessageStatus(
  key: string,
  prior: RowState,
  client: ChatGuruClient,
  state: StateStore,
): Promise<RowState> {
  const patch: RowStatePatch = {};
  if (open(prior.messageId, prior.messageStatus)) {
    patch.messageStatus = (await getMessageStatus(client, prior.messageId)).status;
  }
  if (open(prior.fileId, prior.fileStatus)) patch.fileStatus = (await getMessageStatus(client, prior.fileId)).status;
  const changed =
    (patch.messageStatus !== undefined && patch.messageStatus !== prior.messageStatus) ||
    (patch.fileStatus !== undefined && patch.fileStatus !== prior.fileStatus);
  return changed ? await state.update(key, patch) : prior;
}
