/** A results cell or row event as `ROW_PHONE_INVALID: column "Telefone": …`: the code in its own field, for the pages. */
export function splitCode(text: string): { code?: string; message: string } {
  const found = /^([A-Z][A-Z0-9_]{2,}): ([\s\S]*)$/.exec(text);
  return found ? { code: found[1]!, message: found[2]! } : { message: text };
}
