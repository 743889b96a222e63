import { createWriteStream, type WriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { replaceFile } from "../util/durable-fs.js";
import { csvLine, type CsvLine } from "./csv-line.js";
import { tempPathBeside } from "./results-file.js";

/** Records are joined into one string of about this many characters per file write, not one write per row. */
const CHUNK_CHARS = 64 * 1024;

/**
 * A CSV written to a temp file beside `path` and renamed over it on finish, so `path` is either the old file or the
 * complete new one, never half-written. UTF-8 with BOM + CRLF so Excel-BR opens it.
 */
export class AtomicCsvFile {
  private readonly temp: string;
  private readonly line: CsvLine;
  private readonly file: WriteStream;
  /** Records not yet handed to the file, joined once per write; the BOM leads the first write. */
  private chunk: string[] = [];
  private chunkChars = 0;
  private lead = "\uFEFF";
  private failed: Error | undefined;
  private draining: Promise<void> | undefined;

  constructor(
    readonly path: string,
    delimiter: string,
  ) {
    this.temp = tempPathBeside(path);
    this.line = csvLine(delimiter);
    // Room for a few chunks: with the default 16 KB every 64 KB chunk waited for its write, the run idle meanwhile.
    this.file = createWriteStream(this.temp, { flags: "wx", highWaterMark: 4 * CHUNK_CHARS });
    this.file.on("error", (error: Error) => {
      this.failed ??= error;
    });
  }

  /** The first error of the file, if any. */
  get failure(): Error | undefined {
    return this.failed;
  }

  /** Queues one record; false when the file wants the writer to wait for drained(). */
  write(cells: readonly string[]): boolean {
    const line = this.line(cells);
    this.chunk.push(line);
    this.chunkChars += line.length + 2;
    return this.chunkChars < CHUNK_CHARS || this.flush();
  }

  /**
   * One shared wait for every writer that hit backpressure: a listener per waiting row would pile up past Node's
   * listener limit (hundreds of MaxListenersExceededWarning lines on a fast unchanged re-run).
   */
  drained(): Promise<void> {
    if (!this.file.writableNeedDrain) return Promise.resolve();
    return (this.draining ??= new Promise<void>((resolve) => {
      const done = () => {
        this.file.off("drain", done);
        this.file.off("error", done);
        this.draining = undefined;
        resolve();
      };
      this.file.once("drain", done);
      this.file.once("error", done);
    }));
  }

  /** Ends the CSV and renames the temp file over `path`; on failure the temp file is removed and the error thrown. */
  async finish(): Promise<void> {
    await replaceFile(this.path, this.temp, () => this.endFile());
  }

  /** Drops the temp file without touching `path`. */
  async discard(): Promise<void> {
    this.chunk = [];
    await new Promise<void>((resolve) => {
      if (this.file.closed) return resolve();
      this.file.once("close", () => resolve());
      this.file.destroy();
    });
    await rm(this.temp, { force: true });
  }

  private flush(): boolean {
    const text = `${this.lead}${this.chunk.join("\r\n")}\r\n`;
    this.lead = "";
    this.chunk = [];
    this.chunkChars = 0;
    return this.file.write(text, "utf8");
  }

  private endFile(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.failed) return reject(this.failed);
      this.file.once("close", () => (this.failed ? reject(this.failed) : resolve()));
      this.file.once("error", reject);
      if (this.chunk.length > 0) this.flush();
      this.file.end();
    });
  }
}
