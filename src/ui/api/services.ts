import type { SyncOptions } from "../../sync.js";
import type { AppFolder } from "../app-folder.js";
import type { EnvReader } from "../connection/connection.js";
import type { Secrets } from "../http/respond.js";
import type { RunManager } from "../runs/run-manager.js";
import type { SourceService } from "../sources/source-service.js";

/** What the route handlers work with: one of each, built by the server. */
export interface UiServices {
  folder: AppFolder;
  env: EnvReader;
  secrets: Secrets;
  sources: SourceService;
  runs: RunManager;
  uploadLimitBytes: number;
  defaults: { rate: number; concurrency: number };
  runOptions: Partial<SyncOptions>;
  version: string;
}
