import { describe, expect, it } from "vitest";
import { EventHub } from "../../../src/ui/runs/event-hub.js";

describe("EventHub (Last-Event-ID replay)", () => {
  it("replays what a reconnecting page missed, or the latest event when no id is given", () => {
    const hub = new EventHub();
    for (let i = 1; i <= 5; i++) hub.publish(`{"n":${i}}`, false);
    expect(hub.since(undefined).map((e) => e.id)).toEqual([5]);
    expect(hub.since(2).map((e) => e.id)).toEqual([3, 4, 5]);
    expect(hub.since(5)).toEqual([]);
    const seen: number[] = [];
    const unsubscribe = hub.subscribe((event) => seen.push(event.id));
    hub.publish("{}", true);
    unsubscribe();
    hub.publish("{}", true);
    expect(seen).toEqual([6]);
  });

  it("sends the latest event when the missed ones are no longer kept, and continues ids after a restart", () => {
    const hub = new EventHub(100);
    for (let i = 0; i < 700; i++) hub.publish("{}", false);
    expect(hub.since(101).map((e) => e.id)).toEqual([800]);
    expect(hub.since(750)).toHaveLength(50);
  });
});
