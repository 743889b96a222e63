import { stat } from "node:fs/promises";
import { ConfigError } from "../errors.js";
import { errnoCode } from "../util/errno.js";
import { text } from "../messages/text.js";

/** A source path must name an existing regular file: exit 2 with the path looked at, before anything is read. */
export async function assertSourceFile(absolute: string, label: string, kind: "csv" | "xlsx"): Promise<void> {
  try {
    const info = await stat(absolute);
    if (info.isDirectory())
      throw new ConfigError(
        "SOURCE_NOT_A_FILE",
        text("source.isDirectory", { label, kind: text(`source.kind.${kind}`) }),
      );
  } catch (error) {
    if (errnoCode(error) === "ENOENT") {
      const where = label === absolute ? undefined : absolute;
      throw new ConfigError("SOURCE_NOT_FOUND", text("source.notFound", { label, absolute: where }), {
        cause: error,
        context: { path: absolute },
      });
    }
    throw error;
  }
}
