import type { Sink } from "./sink.js";
import { text } from "../messages/text.js";

/** Writes every result to two sinks: a Google Sheet AND a results CSV when `--results` is given with a sheet. */
export function teeSink(first: Sink, second: Sink): Sink {
  return {
    wantsKeyOrdinal: Boolean(first.wantsKeyOrdinal || second.wantsKeyOrdinal),
    ...(first.replacesExisting || second.replacesExisting ? { replacesExisting: true } : {}),
    async write(result) {
      await Promise.all([first.write(result), second.write(result)]);
    },
    async close() {
      const [a, b] = await Promise.all([first.close(), second.close()]);
      const closed = {
        location: `${a.location} and ${b.location}`,
        notes: [...(a.notes ?? []), ...(b.notes ?? [])],
        ...((a.errors ?? b.errors) ? { errors: (a.errors ?? b.errors)! } : {}),
        ...((a.workbook ?? b.workbook) ? { workbook: (a.workbook ?? b.workbook)! } : {}),
        ...((a.errorsWorkbook ?? b.errorsWorkbook) ? { errorsWorkbook: (a.errorsWorkbook ?? b.errorsWorkbook)! } : {}),
      };
      const said = (c: typeof a) => c.noteTexts ?? (c.notes ?? []).map((n) => text("raw", { text: n }));
      return Object.defineProperty(closed, "noteTexts", { value: [...said(a), ...said(b)], enumerable: false });
    },
    async discard() {
      await Promise.all([first.discard(), second.discard()]);
    },
  };
}
