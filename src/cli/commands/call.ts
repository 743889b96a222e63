import { ACTION_NAMES, ACTIONS, isChatGuruAction, isWellFormedActionName } from "../../chatguru/action-table.js";
import { createChatGuruClient } from "../../chatguru/client.js";
import { ChatGuruError, isChatGuruError } from "../../chatguru/errors.js";
import { redact, UsageError } from "../../errors.js";
import type { CliCommand } from "../command.js";
import { exitCodeOf } from "../exit-code.js";
import { numberFlag } from "../flag-values.js";
import { CLI_NAMING } from "../naming.js";
import { check, rules } from "../../options.js";
import { connectionOptions, resolveConnection, type ConnectionFlags } from "../env.js";

/** `k=v` pairs; a value may itself contain `=` (URLs, base64), so only the first `=` splits. */
export function parseParams(raw: unknown): Record<string, string> {
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const params: Record<string, string> = {};
  for (const item of list) {
    const text = String(item);
    const at = text.indexOf("=");
    if (at <= 0) throw new UsageError(`--param expects key=value, got "${text}".`);
    params[text.slice(0, at)] = text.slice(at + 1);
  }
  return params;
}

function actionList(): string {
  return ACTION_NAMES.map(
    (name) =>
      `  ${name}${ACTIONS[name].experimental ? " (experimental)" : ""}: ${ACTIONS[name].required.join(", ") || "-"}`,
  ).join("\n");
}

export const callCommand: CliCommand = {
  command: "call <action>",
  describe: "Make one raw ChatGuru API call and print its JSON response",
  builder: (y) =>
    y
      .positional("action", {
        type: "string",
        describe: `ChatGuru action: ${ACTION_NAMES.join(", ")} (others are sent with a warning)`,
      })
      .options({
        ...connectionOptions,
        param: {
          alias: "p",
          type: "string",
          array: true,
          describe: "Action parameter key=value (repeatable)",
          default: [] as string[],
        },
        // Untyped and without a yargs default: see numberFlag(). The client's own default is 30 s.
        timeout: { describe: "Request timeout in seconds", defaultDescription: "30" },
      })
      .example("$0 call chat_add_status -p chat_add_id=5dd69c2300078e1be17fffd4", "check a pending chat_add")
      .example(
        '$0 call chat_update_custom_fields -p chat_number=5511987654321 -p "field__Etapa=Proposta"',
        "set one field",
      ),
  run: async (args, io) => {
    const action = String(args.action ?? "");
    if (!isWellFormedActionName(action)) {
      throw new UsageError(
        `"${action}" is not an action name (letters, digits and _ only). Documented actions (required params):\n${actionList()}`,
        { code: "USAGE_UNKNOWN_ACTION" },
      );
    }
    // Integrators use actions seen outside ChatGuru's document (chat_tags_list…): send them, but say so.
    if (!isChatGuruAction(action)) {
      io.stderr.write(
        `warning: "${action}" is not one of the documented actions; sending it as is ("chatguru-sync call --help" lists them).\n`,
      );
    }
    const params = parseParams(args.param);
    // chat_add's text is sent as a real WhatsApp message; a single space registers the chat silently (SPEC §2).
    if (action === "chat_add" && params.text === undefined) params.text = " ";
    const typedTimeout = numberFlag(args, "timeout");
    const timeout =
      typedTimeout === undefined
        ? undefined
        : check<number>("timeout", typedTimeout, rules.numberAbove(0, " of seconds"), CLI_NAMING);
    const flags: ConnectionFlags = {
      apiUrl: args.apiUrl as string | undefined,
      apiKey: args.apiKey as string | undefined,
      accountId: args.accountId as string | undefined,
      phoneId: args.phoneId as string | undefined,
      timeout,
    };
    const connection = resolveConnection(flags, io.env, {
      onWarning: (message) => io.stderr.write(`warning: ${message}\n`),
    });
    const client = createChatGuruClient(connection);
    const secrets = [connection.key];
    try {
      const response = await client.call(action, params, { signal: io.signal });
      io.stdout.write(`${redact(JSON.stringify(response, null, 2), secrets)}\n`);
      return 0;
    } catch (error) {
      if (!isChatGuruError(error)) throw error;
      const body = (error as ChatGuruError & { body?: unknown }).body;
      if (body !== undefined) io.stdout.write(`${redact(JSON.stringify(body, null, 2), secrets)}\n`);
      io.stderr.write(`error: ${redact(error.message, secrets)}\n`);
      return exitCodeOf(error);
    } finally {
      client.close();
    }
  },
};
