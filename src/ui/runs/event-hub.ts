/** One event of a run's stream: its id and its JSON text (already redacted). */
export interface HubEvent {
  id: number;
  data: string;
  final: boolean;
}

type Listener = (event: HubEvent) => void;

/** Events kept for a reconnecting page: at 4 a second, a couple of minutes away. */
const KEPT = 600;

/**
 * The events of one run: numbered, kept for a while for `Last-Event-ID`, handed to every open stream. A page that
 * reconnects after a gap longer than what is kept gets the latest event: each one is the whole Run.
 */
export class EventHub {
  readonly #kept: HubEvent[] = [];
  readonly #listeners = new Set<Listener>();
  #lastId: number;

  constructor(lastId = 0) {
    this.#lastId = lastId;
  }

  get lastId(): number {
    return this.#lastId;
  }

  get last(): HubEvent | undefined {
    return this.#kept.at(-1);
  }

  publish(data: string, final: boolean): HubEvent {
    const event = { id: ++this.#lastId, data, final };
    this.#kept.push(event);
    if (this.#kept.length > KEPT) this.#kept.shift();
    for (const listener of this.#listeners) listener(event);
    return event;
  }

  /** The events after `lastId` (replay), or the latest one when those are no longer kept or no id was given. */
  since(lastId: number | undefined): HubEvent[] {
    const last = this.last;
    if (!last) return [];
    if (lastId === undefined) return [last];
    if (lastId >= last.id) return [];
    const first = this.#kept[0]!;
    if (lastId < first.id - 1) return [last];
    return this.#kept.filter((event) => event.id > lastId);
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
