import type { Entry } from "../catalog.js";

/** The engine: why a run stopped, what a row's failure was, warnings while it runs. */
export const runEn = {
  "run.interrupted": "Interrupted: state flushed, re-run to continue.",
  "run.interruptedFlushed": "Interrupted: requests in flight finished and state was flushed; run again to continue.",
  "run.validateInterrupted": "Interrupted: validation stopped, no results file written.",
  "run.interruptedFinishing": "interrupted: finishing requests in flight",
  "run.stoppedPartWay": (p: { message: string }) =>
    `${p.message} — the run stopped part-way; rows already synced are recorded, run again after fixing this.`,
  "run.unexpectedError": (p: { message: string }) => `unexpected error: ${p.message}`,
  "run.resultsKept":
    "the results were left as they were (and the errors file with them): the run stopped before ChatGuru " +
    "answered for any row (fix the error below and run again)",
  "run.noResultsWritten":
    "no results file was written: the run stopped before ChatGuru answered for any row (fix the error below " +
    "and run again)",
  "run.needsConnection":
    "sync needs the ChatGuru connection settings (CHATGURU_API_URL, CHATGURU_API_KEY, CHATGURU_ACCOUNT_ID, CHATGURU_PHONE_ID).",
  "run.learntNotSaved": (p: { message: string }) =>
    `could not save what this run learnt of ChatGuru (${p.message}); the next run learns it again`,
  "run.gaveUp": (p: { message: string; attempts: number }) => `${p.message} (gave up after ${p.attempts} attempts)`,
  "run.rateLimitedStreak": (p: { times: number }) =>
    `ChatGuru answered 429 (too many requests) ${p.times} times in a row`,
  "run.rateLimitedStreakAgain": (p: { message: string }) => `${p.message} Run again: finished rows are not repeated.`,
  "run.tooManyFailures": (p: { count: number; last: string }) =>
    `Stopped after ${p.count} consecutive failed ChatGuru requests (last: ${p.last}). Check the API URL and ChatGuru's status, then re-run: finished rows are not repeated.`,
  "run.configStop": (p: { what: string; action: string | undefined; description: string }) =>
    `ChatGuru does not know ${p.what}: ${p.action ?? "ChatGuru"} answered "${p.description}". Every row would fail the same way, so the run stopped before creating more chats (rows not reached keep their last result, if any; run again once fixed)`,
  "run.configStopReason": (p: { what: string }) =>
    `ChatGuru does not know ${p.what}; finishing the rows already in flight`,
  "run.unknownField": (p: { field: string }) => `the custom field ${p.field}`,
  "run.unknownFieldSentAs": (p: { name: string; apiName: string }) => `"${p.name}" (sent as ${p.apiName})`,
  "run.unknownFieldQuoted": (p: { name: string }) => `"${p.name}"`,
  "run.unknownFieldEither": (p: { names: readonly string[] }) => p.names.map((n) => `"${n}"`).join(" or "),
  "run.unknownDialog": (p: { id: string }) => `the dialog id "${p.id}"`,
  "run.unknownUser": (p: { id: string }) => `the user id "${p.id}"`,
  "row.addInProgress":
    "ChatGuru is adding the chat; its custom fields/note are sent when it is done (run status or the next sync)",
  "row.addedNotFinished":
    "the chat was added, but the run stopped before its custom fields/note were sent; run again to finish",
  "row.stoppedWhileAdding":
    "the run stopped while ChatGuru was adding the chat; the next run checks it before adding again",
  "row.uncertain": (p: {
    row: number;
    number: string;
    actions: readonly string[];
    how: "killed" | "lost" | "either";
  }) => {
    const how =
      p.how === "killed"
        ? "the run was killed while it was being sent"
        : p.how === "lost"
          ? "its answer was lost"
          : "the run was killed or its answer was lost";
    return (
      `${p.actions.join(" and ")} for ${p.number} may or may not have reached the contact (${how}); it is never sent again on its own. ` +
      `Check the chat in ChatGuru: if it is there, run again with --resolve ${p.row}; if it is not, run again with ` +
      `--release-held ${p.row} to send it.`
    );
  },
  "row.lateMessage": (p: { late: string }) =>
    `the custom fields, note and name were sent, but not the message: ${p.late}`,
  "row.capped": (p: { max: number }) =>
    `waiting for the next run: this run reached --max-messages ${p.max}, so this row's message or file was not sent yet.`,
  "row.held": (p: { row: number; parts: readonly string[] }) => {
    const what = p.parts.length > 0 ? p.parts.join(" and ") : "dialog/message";
    return (
      `the ${what} for this chat ${p.parts.length > 1 ? "were" : "was"} held (its custom fields and note were sent): an ` +
      `earlier run may have sent ${p.parts.length > 1 ? "them" : "it"} — this row carries results an earlier run wrote, ` +
      `or files of a lost journal remain — and the journal that would know is gone, while the chat already exists in ` +
      `ChatGuru. Check the chat in ChatGuru; if it is not there, run again with --release-held ${p.row} (or ` +
      `--release-held for every held row).`
    );
  },
  "row.addDialogSkipped": (p: { row: number; phone: string; dialog: string | undefined }) =>
    `Row ${p.row}: the answer to chat_add for ${p.phone} was lost and the chat turned up ` +
    `afterwards; the chat_add dialog "${p.dialog}" was not run, since the chat may have existed ` +
    `before. If it is a new lead, run the dialog from ChatGuru.`,
  "row.unexpectedAddStatusDone": (p: { row: number; value: string; chatAddId: string }) =>
    `Row ${p.row}: ChatGuru answered chat_add_status "${p.value}" for chat_add ${p.chatAddId}, a value this tool ` +
    `does not know; the chat exists (ChatGuru took its custom fields), so the row was completed.`,
  "run.credentialsCheck":
    "no row needed ChatGuru and it has not answered these credentials for 12 hours or more: one chat_add_status " +
    "request checks them",
  "row.chatAddRefused": (p: { description: string }) => `ChatGuru refused the chat: "${p.description}"`,
  "row.unexpectedAddStatus": (p: { row: number; value: string; chatAddId: string }) =>
    `Row ${p.row}: ChatGuru answered chat_add_status "${p.value}" for chat_add ${p.chatAddId}, a value this tool ` +
    `does not know; the add is kept as pending (it is not sent again). Run "chatguru-sync status" later to follow it.`,
  "row.addUncertain": (p: { phone: string; blank: boolean; times: number; dialog: boolean }) => {
    const why = p.blank
      ? `its answers were lost ${p.times} times`
      : `it was not sent again because it sends real WhatsApp messages (${p.dialog ? "a dialog" : "its text"})`;
    return (
      `the answer to chat_add for ${p.phone} was lost and the chat has not appeared; ${why}. ` +
      `Check the chat in ChatGuru and re-run (a chat that appeared is then updated).`
    );
  },
  "row.noChatFor": (p: { numbers: readonly string[]; error: string }) =>
    `no chat for ${p.numbers.join(" or ")} (${p.error})`,
  "row.stillDuplicate": (p: { phone: string; column: string }) =>
    `still the duplicate it was in the file this row came from: the chat of ${p.phone} is ` +
    `already synced from another row (the first row wins). Change this row's phone, or delete the row; to sync ` +
    `its values anyway, clear its "${p.column}" cell`,
} satisfies Record<string, Entry>;
