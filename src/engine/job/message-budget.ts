/**
 * `--max-messages`: how many message_send/message_file_send one run may still send. Taken before a send is
 * journaled, given back only when the send provably did not happen (a refusal), so a run never exceeds the cap even
 * with many rows in flight. Rows past the cap end `pending` and go out on the next run.
 */
export class MessageBudget {
  #left: number;
  /** Sends this run made (including ones whose answer was lost). */
  sent = 0;
  /** Sends put off to the next run because the cap was reached. */
  deferred = 0;
  /** Of `sent`, those whose answer left it unknown whether they went out (never sent again). */
  uncertain = 0;

  constructor(readonly max: number) {
    this.#left = max;
  }

  take(): boolean {
    if (this.#left <= 0) {
      this.deferred += 1;
      return false;
    }
    this.#left -= 1;
    this.sent += 1;
    return true;
  }

  /** The send was refused or never started: it does not count against the cap. */
  giveBack(): void {
    this.#left += 1;
    this.sent -= 1;
  }
}
