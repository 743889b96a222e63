// A row problem in words a sales-ops person reads. The library's sentences are English until the shared message
// catalog lands, so the known codes get their Portuguese words here; ChatGuru's own words (it answers in
// Portuguese) are kept when the message quotes them. An unknown code shows the message as it came. Pure: unit-tested.
import { texts } from "./texts.js";

const CHATGURU_QUOTED = /"([^"]+)"\s*$/;

export function problemText(code: string | undefined, message: string): string {
  const words = code ? texts.problems[code as keyof typeof texts.problems] : undefined;
  if (!words) return message.replace(/^[A-Z][A-Z0-9_]+: /, "");
  if (code === "ROW_DUPLICATE_KEY") {
    const first = /duplicate of row (\d+)/.exec(message)?.[1];
    return first ? texts.problemDetails.duplicateOf(first) : words;
  }
  if (code?.startsWith("CHAT") || code === "CHAT_ADD_REFUSED") {
    const quoted = CHATGURU_QUOTED.exec(message)?.[1];
    return quoted ? `${words}: “${quoted}”` : words;
  }
  return words;
}
