import { stat } from "node:fs/promises";
import { ConfigError } from "../errors.js";
import { errnoCode } from "../util/errno.js";

/** A source path must name an existing regular file: exit 2 with the path looked at, before anything is read. */
export async function assertSourceFile(absolute: string, label: string, kind: string): Promise<void> {
  try {
    const info = await stat(absolute);
    if (info.isDirectory()) throw new ConfigError("SOURCE_NOT_A_FILE", `Source ${label} is a directory, not ${kind}.`);
  } catch (error) {
    if (errnoCode(error) === "ENOENT") {
      const where = label === absolute ? "" : ` (looked in ${absolute})`;
      throw new ConfigError("SOURCE_NOT_FOUND", `Source file not found: ${label}${where}. Check the name and folder.`, {
        cause: error,
        context: { path: absolute },
      });
    }
    throw error;
  }
}
