import type { Call } from "../http/router.js";
import { safeJson, type Secrets } from "../http/respond.js";
import type { HubEvent } from "../runs/event-hub.js";
import type { ActiveRun } from "../runs/active-run.js";
import { ACTIVE_STATES, runView, type RunRecord } from "../runs/run-record.js";

/** A comment line this often keeps proxies and browsers from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;
/** How long a browser waits before reconnecting a dropped stream. */
const RETRY_MS = 2_000;

function lastEventId(call: Call): number | undefined {
  const raw = call.req.headers["last-event-id"];
  const value = Number(Array.isArray(raw) ? raw[0] : raw);
  return raw !== undefined && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function frame(event: HubEvent): string {
  return `id: ${event.id}\nevent: run\ndata: ${event.data}\n\n`;
}

function open(call: Call): void {
  call.res.writeHead(200, {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-store",
    Connection: "keep-alive",
    "X-Accel-Buffering": "no",
  });
  call.res.write(`retry: ${RETRY_MS}\n\n`);
}

/**
 * `GET /api/runs/:id/events`: the Run as server-sent events, hand-written (a few lines of protocol). A reconnecting
 * page sends `Last-Event-ID` and gets what it missed; a finished run whose end the page already has answers 204, which
 * tells EventSource to stop reconnecting.
 */
export function streamRunEvents(call: Call, record: RunRecord, active: ActiveRun | undefined, secrets: Secrets): void {
  const since = lastEventId(call);
  // A run that just ended is still held for a moment while its files are written: its stream is over all the same.
  if (!active || !ACTIVE_STATES.has(record.state)) {
    if (since !== undefined && since >= record.lastEventId) {
      call.res.writeHead(204, { "Cache-Control": "no-store" });
      call.res.end();
      return;
    }
    open(call);
    call.res.end(frame({ id: Math.max(record.lastEventId, 1), data: safeJson(runView(record), secrets), final: true }));
    return;
  }
  open(call);
  const replay = active.hub.since(since);
  for (const event of replay) call.res.write(frame(event));
  if (replay.at(-1)?.final) {
    call.res.end();
    return;
  }
  const heartbeat = setInterval(() => call.res.write(": ping\n\n"), HEARTBEAT_MS);
  const unsubscribe = active.hub.subscribe((event) => {
    call.res.write(frame(event));
    if (event.final) close();
  });
  const close = () => {
    clearInterval(heartbeat);
    unsubscribe();
    if (!call.res.writableEnded) call.res.end();
  };
  call.res.on("close", close);
}
