import type { SourceRow } from "../../core/source-row.js";
import type { LoadedMapping } from "../../mapping/load-mapping.js";
import { createRowClassifier, type RowClass } from "../../mapping/row-classifier.js";
import { keyColumnOf, keyOfCell } from "../../mapping/row-key.js";
import { checkMapping } from "../../mapping/rules.js";
import type { Sink } from "../../sinks/sink.js";
import type { OpenedSource, Source } from "../../sources/source.js";
import { describeReadText } from "../../sources/read-notice.js";
import { noticeEvent, type NoticeEvent } from "../shared/events.js";

/** What identifies a row to a key-addressed sink (Sheets): its key and how many rows before it had the same key. */
export type RowIdentity = { key?: string; keyOrdinal?: number };

/** The read → check → classify → write pipeline shared by sync (real and dry run) and validate. */
export interface RowPipeline<S extends Sink | undefined> {
  opened: OpenedSource;
  classify: (row: SourceRow) => RowClass;
  sink: S;
  /** `{}` unless the sink is key-addressed; call once per row, in source order. */
  identify: (row: SourceRow, verdict: RowClass) => RowIdentity;
}

/**
 * Opens the source, checks the mapping against its header (ConfigError, nothing written), builds the classifier and
 * the sink. The caller closes `opened` and closes or discards the sink; on a throw here the source is closed already.
 * `onEvent` hears one notice saying how the source was read (encoding, delimiter, header row, worksheet).
 */
export async function openRowPipeline<S extends Sink | undefined>(
  source: Source,
  mapping: LoadedMapping,
  createSink: (opened: OpenedSource) => Promise<S> | S,
  onEvent?: (event: NoticeEvent) => void,
): Promise<RowPipeline<S>> {
  const opened = await source.open();
  try {
    const read = describeReadText(source.label, opened);
    if (read !== undefined) onEvent?.(noticeEvent(read));
    checkMapping(mapping, opened.headers);
    const classify = createRowClassifier(mapping, opened.headers);
    const sink = await createSink(opened);
    return { opened, classify, sink, identify: identifier(mapping, sink) };
  } catch (error) {
    await opened.close();
    throw error;
  }
}

/**
 * A key-addressed sink needs to tell apart rows sharing a key, invalid ones included: they are numbered here, in
 * source order. Kept only for such sinks, so a million-row CSV run does not pay for a map of every key.
 */
function identifier(mapping: LoadedMapping, sink: Sink | undefined): RowPipeline<Sink | undefined>["identify"] {
  if (!sink?.wantsKeyOrdinal) return () => ({});
  const keyColumn = keyColumnOf(mapping);
  const keyOf = keyOfCell(mapping);
  const seen = new Map<string, number>();
  return (row, verdict) => {
    const key = verdict.kind === "invalid" ? keyOf(row.values[keyColumn] ?? "") : verdict.draft.key;
    if (key === undefined) return {};
    const keyOrdinal = seen.get(key) ?? 0;
    seen.set(key, keyOrdinal + 1);
    return { key, keyOrdinal };
  };
}
