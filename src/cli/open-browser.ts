import { spawn } from "node:child_process";

/** The system's "open this address" command: xdg-open on Linux and the BSDs, open on macOS, start on Windows. */
function opener(url: string): { command: string; args: string[] } {
  if (process.platform === "darwin") return { command: "open", args: [url] };
  // `start` is a cmd built-in; its first quoted argument is a window title, hence the empty one.
  if (process.platform === "win32") return { command: "cmd", args: ["/c", "start", '""', url.replace(/&/g, "^&")] };
  return { command: "xdg-open", args: [url] };
}

/**
 * Opens the address in the person's browser, best effort: without a desktop (a server, CI, no xdg-open) nothing
 * happens and the printed address is the way in. Never waits for the browser.
 */
export function openBrowser(url: string): void {
  const { command, args } = opener(url);
  try {
    const child = spawn(command, args, { stdio: "ignore", detached: true });
    child.on("error", () => {});
    child.unref();
  } catch {
    // No opener on this system: the address was printed.
  }
}
