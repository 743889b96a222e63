import type { ContactDraft } from "../../mapping/contact.js";
import type { Text } from "../../messages/text.js";
import type { RowState, RowStatePatch } from "../../state/state-store.js";
import { warningEvent } from "../shared/events.js";
import type { FollowUpSettings, RowContext, RowLearners, RowServices, RowSettings } from "./row-context.js";

/**
 * One row's job: what it asks ChatGuru to hold (the draft and its values hash), what the journal knows of it, and the
 * run it belongs to. Every step of the row takes the job, so the steps share one object instead of threading
 * `(draft, hash, ctx, …)`; the journal entry is read fresh each time, as every step may have journaled something.
 */
export class RowJob {
  constructor(
    readonly draft: ContactDraft,
    readonly hash: string,
    readonly context: RowContext,
  ) {}

  get key(): string {
    return this.draft.key;
  }

  get services(): RowServices {
    return this.context.services;
  }

  get settings(): RowSettings {
    return this.context.settings;
  }

  get learners(): RowLearners {
    return this.context.learners;
  }

  get followUps(): FollowUpSettings | undefined {
    return this.context.followUps;
  }

  /** The same job over another draft of the same row (a re-run that sends only part of it). */
  withDraft(draft: ContactDraft): RowJob {
    return new RowJob(draft, this.hash, this.context);
  }

  /** What the journal holds for the row now. */
  get entry(): RowState | undefined {
    return this.context.services.state.get(this.draft.key);
  }

  /** Journals `patch` for the row; resolves with the entry it leaves. */
  journal(patch: RowStatePatch): Promise<RowState> {
    return this.context.services.state.update(this.draft.key, patch);
  }

  /** A warning about this row for the person (`warning` event). */
  warn(said: Text): void {
    this.context.services.onEvent?.(warningEvent(said));
  }

  /** The run is stopping and `error` is the stop itself: a request it cut short never went out. */
  stoppedBy(error: unknown): boolean {
    const signal = this.context.services.signal;
    return signal?.aborted === true && error === signal.reason;
  }
}
