import type { RowState } from "../../state/state-store.js";

/** A send the journal marked before it left and never saw answered. */
export interface UnsettledSend {
  action: "message_send" | "message_file_send" | "dialog_execute";
  /** `sending`: the run was killed (or stopped hard) with the request out; `uncertain`: its answer was lost. */
  status: "sending" | "uncertain";
}

/** The sends that are at most once, with the journal fields that mark each. */
export const SENDS = [
  { action: "message_send", status: "messageStatus", hash: "messageHash", id: "messageId" },
  { action: "message_file_send", status: "fileStatus", hash: "fileHash", id: "fileId" },
  { action: "dialog_execute", status: "dialogStatus", hash: "dialogHash", id: undefined },
] as const;

/**
 * The row's sends whose outcome nobody knows: the message may or may not be on the contact's phone (see
 * docs/at-most-once.md). They are never sent again on their own, and the row says so on every run (`failed`, MESSAGE_UNCERTAIN) until a
 * person looks at the chat and says what happened (follow-ups/settle-by-person.ts).
 */
export function unsettledSends(state: RowState | undefined): UnsettledSend[] {
  if (state === undefined) return [];
  const open: UnsettledSend[] = [];
  for (const send of SENDS) {
    const status = state[send.status];
    if (status === "sending" || status === "uncertain") open.push({ action: send.action, status });
  }
  return open;
}

/**
 * The fast form of `unsettledSends(state).length > 0`, for the unchanged path every row of a re-run takes: a row an
 * older release marked unchanged after a kill left its send `sending` must still be reported.
 */
export function hasUnsettledSend(state: RowState): boolean {
  const { messageStatus: m, fileStatus: f, dialogStatus: d } = state;
  return (
    m === "sending" || m === "uncertain" || f === "sending" || f === "uncertain" || d === "sending" || d === "uncertain"
  );
}
