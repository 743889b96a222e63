import type { ChatGuruClient, ChatGuruResponse } from "../../../src/chatguru/types.js";
import type { ContactDraft } from "../../../src/mapping/contact.js";
import type { FollowUpSettings, RowLearners, RowServices, RowSettings } from "../../../src/engine/job/row-context.js";
import { RowJob } from "../../../src/engine/job/row-job.js";
import type { ContactResult } from "../../../src/engine/job/row-result.js";
import { syncRow } from "../../../src/engine/row/sync-row.js";
import { RowFailure } from "../../../src/engine/shared/row-failure.js";
import type { RowState, RowStatePatch, StateStore } from "../../../src/state/state-store.js";

/** A journal in memory, with the merge rules of the real one (`null` clears, `undefined` leaves as is). */
export function memoryState(now: () => number = Date.now): StateStore & { writes: RowStatePatch[] } {
  const rows = new Map<string, RowState>();
  const writes: RowStatePatch[] = [];
  return {
    path: ":memory:",
    writes,
    get: (key) => rows.get(key),
    async update(key, patch) {
      writes.push(patch);
      const next: Record<string, unknown> = { ...(rows.get(key) ?? { key }) };
      for (const [field, value] of Object.entries(patch)) {
        if (value === null) delete next[field];
        else if (value !== undefined) next[field] = value;
      }
      next.updatedAt = new Date(now()).toISOString();
      rows.set(key, next as unknown as RowState);
      return next as unknown as RowState;
    },
    entries: () => rows.values(),
    get size() {
      return rows.size;
    },
    close: async () => undefined,
  };
}

export type Handler = (params: Record<string, string>) => ChatGuruResponse | Promise<ChatGuruResponse>;

/** A scheduled-client view as the row pipeline sees it: answers per action, row problems thrown as RowFailure. */
export function fakeClient(handlers: Record<string, Handler>): ChatGuruClient & {
  calls: Array<{ action: string; params: Record<string, string> }>;
} {
  const calls: Array<{ action: string; params: Record<string, string> }> = [];
  return {
    calls,
    async call(action, params) {
      calls.push({ action, params });
      const handler = handlers[action];
      if (!handler) throw new Error(`unexpected ${action}`);
      return handler(params);
    },
    close: () => undefined,
  };
}

export const ok = (extra: Record<string, unknown> = {}): ChatGuruResponse => ({
  code: 200,
  result: "success",
  ...extra,
});
export const notFound = (): never => {
  throw new RowFailure("CHATGURU_CHAT_NOT_FOUND", "Chat não encontrado.", "chat_update_custom_fields");
};

export function draft(overrides: Partial<ContactDraft> = {}): ContactDraft {
  return {
    rowNumber: 2,
    key: "5511987654321",
    phone: { canonical: "5511987654321", alternate: "551187654321" },
    name: "Ana",
    chatAdd: { text: "Olá" },
    fields: { Etapa: "Lead" },
    ...overrides,
  };
}

/** A fake clock whose sleeps advance it at once: poll and probe loops run without real timers. */
export function fakeTime(start = Date.parse("2025-01-01T00:00:00Z")) {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleeps,
    sleep: async (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
      t += ms;
    },
  };
}

/** A row context in one flat object, as the tests build and change it; `syncContact` splits it at each call. */
export type FlatContext = RowServices & Omit<RowSettings, "full"> & RowLearners & { followUps?: FollowUpSettings };

/** One row through the engine as runRow runs it, with the flat test context as it is at the call. */
export function syncContact(
  d: ContactDraft,
  hash: string,
  ctx: FlatContext,
  options: { full: boolean },
): Promise<ContactResult> {
  const settings = { ...ctx, full: options.full };
  const context = { services: ctx, settings, learners: ctx, ...(ctx.followUps ? { followUps: ctx.followUps } : {}) };
  return syncRow(new RowJob(d, hash, context));
}

export function context(client: ChatGuruClient, overrides: Partial<FlatContext> = {}): FlatContext {
  const time = fakeTime();
  return {
    first: client,
    follow: client,
    poll: client,
    state: memoryState(time.now),
    mode: "upsert",
    waitForAdds: true,
    addTimeoutMs: 60_000,
    pollSchedule: { firstMs: 1000, factor: 2, maxMs: 4000 },
    uncertainProbeMs: 5000,
    now: time.now,
    sleep: time.sleep,
    ...overrides,
  };
}
