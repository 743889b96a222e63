/**
 * The import loops (strongly connected components of more than one file) among the .ts/.tsx files under `folder`,
 * type imports included: each loop is its files' paths relative to the working directory, sorted; longest first.
 */
export function importLoops(folder: string): string[][];
