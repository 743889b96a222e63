import type { Socket } from "node:net";
import { FaultInjector } from "./mock-faults.js";
import { mergeBehaviour, type MockBehaviour, type MockCredentials } from "./mock-options.js";
import { MockStore } from "./mock-store.js";
import type { MockExistingChat } from "./mock-options.js";

/**
 * What one running mock holds besides its HTTP server: the fake account, the fault dice, the current behaviour, and
 * everything close() must cut short (latency timers, sockets a timeout fault keeps hanging).
 */
export class MockRuntime {
  readonly store: MockStore;
  readonly faults: FaultInjector;
  private current: MockBehaviour;
  private readonly hanging = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    behaviour: MockBehaviour,
    readonly credentials: MockCredentials,
    existingChats: readonly MockExistingChat[],
  ) {
    this.current = behaviour;
    this.store = new MockStore(() => this.current, existingChats);
    this.faults = new FaultInjector(behaviour.seed);
  }

  get behaviour(): Readonly<MockBehaviour> {
    return this.current;
  }

  /** Changes behaviour and faults at runtime; a new seed restarts the fault sequence. */
  configure(patch: Partial<MockBehaviour>): void {
    const next = mergeBehaviour(this.current, patch as Record<string, unknown>);
    if (next.seed !== this.current.seed) this.faults.reseed(next.seed);
    this.current = next;
  }

  /** Clears chats and counters back to the options, and restarts the fault sequence. */
  reset(): void {
    this.store.reset();
    this.faults.reseed(this.current.seed);
  }

  /** A latency wait that dispose() clears, so close() never waits for it. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  /** Keeps a socket open without answering (a timeout fault) until the client gives up or dispose() runs. */
  hang(socket: Socket): void {
    this.hanging.add(socket);
    socket.once("close", () => this.hanging.delete(socket));
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const socket of this.hanging) socket.destroy();
  }
}
