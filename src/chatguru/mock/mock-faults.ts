import type { MockBehaviour } from "./mock-options.js";

/** mulberry32: a tiny, fast PRNG; the same seed gives the same fault sequence, so a failing run can be replayed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type FaultDecision =
  | { kind: "none" }
  | { kind: "rate-limit" }
  | { kind: "fail"; status: 500 | 502 | 503 }
  /** `afterEffect`: the action is applied, then the response is lost — what makes retries dangerous. */
  | { kind: "reset"; afterEffect: boolean }
  | { kind: "timeout"; afterEffect: boolean };

const FAIL_STATUSES = [500, 502, 503] as const;

/** A second sequence for apply-then-fail, so enabling it leaves the other faults' sequence as it was. */
const APPLY_THEN_FAIL_SALT = 0x5bd1e995;

/** Decides, per API request, which fault (if any) it suffers. */
export class FaultInjector {
  private random: () => number;
  private lateRandom: () => number;
  /** Arrival times of admitted requests within the last second (sliding window). */
  private window: number[] = [];

  constructor(seed: number) {
    this.random = mulberry32(seed);
    this.lateRandom = mulberry32(seed ^ APPLY_THEN_FAIL_SALT);
  }

  reseed(seed: number): void {
    this.random = mulberry32(seed);
    this.lateRandom = mulberry32(seed ^ APPLY_THEN_FAIL_SALT);
    this.window = [];
  }

  /**
   * For a request the mock is about to carry out: the 5xx to answer AFTER applying it (the work is done, the answer
   * says it failed), or undefined to answer normally.
   */
  applyThenFail(behaviour: Readonly<MockBehaviour>, action: string): number | undefined {
    if (behaviour.applyThenFailRate <= 0) return undefined;
    const actions = behaviour.applyThenFailActions;
    if (actions.length > 0 && !actions.includes(action)) return undefined;
    const [draw, statusDraw] = [this.lateRandom(), this.lateRandom()];
    if (draw >= behaviour.applyThenFailRate) return undefined;
    const statuses = behaviour.applyThenFailStatuses;
    return statuses[Math.floor(statusDraw * statuses.length)];
  }

  decide(behaviour: Readonly<MockBehaviour>, now: number): FaultDecision {
    // Always draw the same count so changing one rate does not shift the sequence of the others.
    const [failDraw, resetDraw, timeoutDraw, halfDraw, statusDraw] = [
      this.random(),
      this.random(),
      this.random(),
      this.random(),
      this.random(),
    ];
    if (behaviour.rateLimit > 0) {
      while (this.window.length > 0 && this.window[0]! <= now - 1000) this.window.shift();
      if (this.window.length >= behaviour.rateLimit) return { kind: "rate-limit" };
      this.window.push(now);
    }
    if (failDraw < behaviour.failRate)
      return { kind: "fail", status: FAIL_STATUSES[Math.floor(statusDraw * FAIL_STATUSES.length)]! };
    if (resetDraw < behaviour.resetRate) return { kind: "reset", afterEffect: halfDraw < 0.5 };
    if (timeoutDraw < behaviour.timeoutRate) return { kind: "timeout", afterEffect: halfDraw < 0.5 };
    return { kind: "none" };
  }
}

/** What a gateway in front of ChatGuru answers on a 5xx: HTML, not the JSON envelope. */
export function gatewayErrorPage(status: number): string {
  const title =
    status === 502
      ? "502 Bad Gateway"
      : status === 503
        ? "503 Service Temporarily Unavailable"
        : status === 504
          ? "504 Gateway Time-out"
          : `${status} Internal Server Error`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
