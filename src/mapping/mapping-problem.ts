import type { MappingErrorCode } from "../core/error-codes.js";
import type { Text } from "../core/text.js";
import { withMessage } from "../messages/translate.js";

/** Where a mapping value sits in its file (1-based). */
export interface FilePosition {
  line: number;
  column: number;
}

/** One problem of a mapping file: English `message`, and (not enumerable) the same as a catalog Text. */
export interface MappingProblem {
  code: MappingErrorCode;
  message: string;
  position?: FilePosition | undefined;
  readonly text?: Text;
}

export function mappingProblem(code: MappingErrorCode, said: Text, position?: FilePosition): MappingProblem {
  return withMessage({ code, position }, said);
}
