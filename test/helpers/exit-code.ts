import { exitCodeOf } from "../../src/cli/exit-code.js";

export { exitCodeOf };

/**
 * The error with the exit code the CLI ends with for it. Error classes carry no exit code (cli/exit-code.ts decides),
 * so tests that pin "this failure means exit 2" ask the CLI's mapping.
 */
export function withExitCode<T>(error: T): T & { exitCode: number } {
  return Object.assign(error as T & object, { exitCode: exitCodeOf(error) }) as T & { exitCode: number };
}

/** The same promise, whose rejection (if any) carries the CLI's exit code for it. */
export function rejectsWithExitCode<T>(promise: Promise<T>): Promise<T> {
  return promise.catch((error: unknown) => Promise.reject(withExitCode(error)));
}

/** The same function, whose throw (if any) carries the CLI's exit code for it. */
export function throwsWithExitCode(fn: () => unknown): () => unknown {
  return () => {
    try {
      return fn();
    } catch (error) {
      throw withExitCode(error);
    }
  };
}
