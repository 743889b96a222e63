import { createWriteStream, type WriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { stringify, type Stringifier } from "csv-stringify";
import { tempPathBeside } from "./results-file.js";

/**
 * A CSV written to a temp file beside `path` and renamed over it on finish, so `path` is either the old file or the
 * complete new one, never half-written. UTF-8 with BOM + CRLF so Excel-BR opens it.
 */
export class AtomicCsvFile {
  private readonly temp: string;
  private readonly stringifier: Stringifier;
  private readonly file: WriteStream;
  private failed: Error | undefined;
  private draining: Promise<void> | undefined;

  constructor(
    readonly path: string,
    delimiter: string,
  ) {
    this.temp = tempPathBeside(path);
    this.stringifier = stringify({
      delimiter,
      record_delimiter: "windows",
      bom: true,
      // csv-stringify only quotes the record delimiter itself ("\r\n"); a lone "\n" inside a value would split the row in Excel.
      quoted_match: /[\r\n]/,
    });
    this.file = createWriteStream(this.temp, { flags: "wx" });
    this.stringifier.pipe(this.file);
    const fail = (error: Error) => {
      this.failed ??= error;
    };
    this.file.on("error", fail);
    this.stringifier.on("error", fail);
  }

  /** The first error of the file or the CSV encoder, if any. */
  get failure(): Error | undefined {
    return this.failed;
  }

  /** Queues one record; false when the file wants the writer to wait for drained(). */
  write(cells: string[]): boolean {
    return this.stringifier.write(cells);
  }

  /**
   * One shared wait for every writer that hit backpressure: a listener per waiting row would pile up past Node's
   * listener limit (hundreds of MaxListenersExceededWarning lines on a fast unchanged re-run).
   */
  drained(): Promise<void> {
    return (this.draining ??= new Promise<void>((resolve) => {
      const done = () => {
        this.stringifier.off("drain", done);
        this.file.off("error", done);
        this.draining = undefined;
        resolve();
      };
      this.stringifier.once("drain", done);
      this.file.once("error", done);
    }));
  }

  /** Ends the CSV and renames the temp file over `path`; on failure the temp file is removed and the error thrown. */
  async finish(): Promise<void> {
    try {
      await this.endFile();
      await rename(this.temp, this.path);
    } catch (error) {
      await rm(this.temp, { force: true });
      throw error;
    }
  }

  /** Drops the temp file without touching `path`. */
  async discard(): Promise<void> {
    this.stringifier.unpipe(this.file);
    this.stringifier.destroy();
    await new Promise<void>((resolve) => {
      if (this.file.closed) return resolve();
      this.file.once("close", () => resolve());
      this.file.destroy();
    });
    await rm(this.temp, { force: true });
  }

  private endFile(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.failed) return reject(this.failed);
      this.file.once("close", () => (this.failed ? reject(this.failed) : resolve()));
      this.file.once("error", reject);
      this.stringifier.end();
    });
  }
}
