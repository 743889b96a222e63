import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { ConfigError } from "../errors.js";
import { ENCODING_SAMPLE_BYTES } from "./csv-encoding.js";
import { assertSourceFile } from "./source-file.js";
import { text } from "../messages/text.js";

export type ByteInput = NodeJS.ReadableStream & { destroy?: (error?: Error) => void };

/** The CSV file as a stream (stdin for `-`); a missing file or a directory is a source error, not a stack trace. */
export async function openByteInput(
  absolute: string | undefined,
  label: string,
  stdin: NodeJS.ReadableStream | undefined,
): Promise<ByteInput> {
  if (absolute === undefined) return stdin ?? process.stdin;
  await assertSourceFile(absolute, label, "csv");
  return createReadStream(absolute, { highWaterMark: ENCODING_SAMPLE_BYTES });
}

/** The first bytes of an input (what detection looks at) and a stream that replays them followed by the rest. */
export interface SampledInput {
  sample: Buffer;
  /** The sample is the whole input. */
  complete: boolean;
  /** Every byte of the input, the sample first; pulls the rest lazily. */
  bytes(): Readable;
  /** Stops reading the input (when open() fails after sampling). */
  abandon(): Promise<void>;
}

export async function sampleInput(input: ByteInput, label: string): Promise<SampledInput> {
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const parts: Buffer[] = [];
  let size = 0;
  let complete = false;
  try {
    while (size < ENCODING_SAMPLE_BYTES) {
      const next = await chunks.next();
      if (next.done) {
        complete = true;
        break;
      }
      const chunk = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
      parts.push(chunk);
      size += chunk.length;
    }
  } catch (error) {
    throw new ConfigError(
      "SOURCE_UNREADABLE",
      text("source.unreadable", { label, message: (error as Error).message }),
      {
        cause: error,
      },
    );
  }
  const sample = Buffer.concat(parts);
  return {
    sample,
    complete,
    bytes: () =>
      Readable.from(
        (async function* () {
          if (sample.length > 0) yield sample;
          if (complete) return;
          for (;;) {
            const next = await chunks.next();
            if (next.done) return;
            yield next.value;
          }
        })(),
        { objectMode: false },
      ),
    abandon: async () => {
      await chunks.return?.();
    },
  };
}
